from django.apps import AppConfig


class ProjperfConfig(AppConfig):
    name = "jixiao.web.projperf"
    label = "projperf"
    verbose_name = "项目绩效"

    def ready(self) -> None:
        """Put the 项目绩效 section (years, goals, monitoring, self-evaluation) on the project's page, its
        columns (执行率, 红色指标数) on the 项目库 list, and the projects' 项目支出 and 结果应用 on the
        department's evaluation and results pages."""
        from jixiao.web.evaluation import extensions as evaluation
        from jixiao.web.projperf.selectors import project_results, project_spending, project_spending_lines
        from jixiao.web.results import extensions as results

        evaluation.project_spending, evaluation.project_spending_lines = project_spending, project_spending_lines
        results.project_results = project_results
        from jixiao.web.projects.extensions import PROJECT_SECTIONS
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
