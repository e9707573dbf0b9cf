from django.apps import AppConfig


class ProjperfConfig(AppConfig):
    name = "jixiao.web.projperf"
    label = "projperf"
    verbose_name = "项目绩效"

    def ready(self) -> None:
        """Put the 项目绩效 section (years, goals, monitoring, self-evaluation) on the project's page."""
        from jixiao.web.projects.views import PROJECT_SECTIONS
        from jixiao.web.projperf.views import project_section

        entry = ("projperf/_project_section.html", project_section)
        if entry not in PROJECT_SECTIONS:
            PROJECT_SECTIONS.append(entry)
