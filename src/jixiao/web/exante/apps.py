from django.apps import AppConfig


class ExanteConfig(AppConfig):
    name = "jixiao.web.exante"
    label = "exante"
    verbose_name = "事前绩效评估"

    def ready(self) -> None:
        from jixiao.web.exante.sections import TEMPLATE, project_section
        from jixiao.web.projects.extensions import PROJECT_SECTIONS

        if all(template != TEMPLATE for template, _ in PROJECT_SECTIONS):
            PROJECT_SECTIONS.append((TEMPLATE, project_section))
