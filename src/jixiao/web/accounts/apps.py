from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jixiao.web.accounts"
    label = "accounts"
    verbose_name = "账户与角色"

    def ready(self) -> None:
        from jixiao.web.accounts import security  # noqa: F401 - connects the login signal
