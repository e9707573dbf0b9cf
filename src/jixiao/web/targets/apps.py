from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "jixiao.web.targets"
    label = "targets"
    verbose_name = "目标质量"

    def ready(self) -> None:
        """Keep the observations current when indicators, project-years or budgets are saved (signals), and
        put the checks beside each indicator row of the department and project declaration forms
        (the declarations' extension point, which 项目绩效's form shares), and give the review of a stored report
        the same basis for its 目标偏低 rule, so those apps never import this one."""
        from jixiao.web.targets import receivers, selectors

        receivers.connect()
        from jixiao.web.declarations import extensions as declarations

        declarations.indicator_checks = selectors.row_checks
        from jixiao.web.reviews import extensions as reviews

        reviews.target_basis = selectors.report_target_basis
