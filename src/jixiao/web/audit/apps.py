from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jixiao.web.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from jixiao.web.audit import receivers

        receivers.connect()
