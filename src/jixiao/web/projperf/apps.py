from django.apps import AppConfig


class ProjperfConfig(AppConfig):
    name = "jixiao.web.projperf"
    label = "projperf"
    verbose_name = "项目绩效"

    def ready(self) -> None:
        """Put the 项目绩效 section (years, goals, monitoring, self-evaluation) on the project's page and its
        columns (执行率, 红色指标数) on the 项目库 list."""
        from jixiao.web.projects.views import PROJECT_SECTIONS
        from jixiao.web.projperf.views import project_section

        entry = ("projperf/_project_section.html", project_section)
        if entry not in PROJECT_SECTIONS:
            PROJECT_SECTIONS.append(entry)
        from jixiao.web.projects.selectors import LIST_COLUMNS, ListColumn
        from jixiao.web.projperf.selectors import execution_cell, execution_shown, red_cell, with_performance

        if not any(c.key == "perf_execution" for c in LIST_COLUMNS):  # 执行率 and 红色指标 on the 项目库 list
            LIST_COLUMNS.append(ListColumn("perf_execution", "执行率", with_performance, execution_shown,
                                           execution_cell, "执行率（%）"))
            LIST_COLUMNS.append(ListColumn("perf_red", "红色指标数", lambda rows: rows,
                                           lambda value: "—" if value is None else str(value), red_cell))
