from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "jixiao.web.targets"
    label = "targets"
    verbose_name = "目标质量"

    def ready(self) -> None:
        """Keep the observations current when indicators, project-years or budgets are saved (signals), and
        put the checks beside each indicator row of the department and project declaration forms
        (the declarations' extension point, which 项目绩效's form shares), so those apps never import this one."""
        from jixiao.web.targets import receivers, selectors

        receivers.connect()
        from jixiao.web.declarations import extensions as declarations

        declarations.indicator_checks = selectors.row_checks
