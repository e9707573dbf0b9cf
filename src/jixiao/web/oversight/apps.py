from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "jixiao.web.oversight"
    label = "oversight"
    verbose_name = "抽评与考核"

    def ready(self) -> None:
        """Put 抽评 on the 复核 pages (the queue's column, the review page's section) and the corrected grade,
        the 抽评 outcome and the 考核 result on 结果应用, through those apps' extension points."""
        from jixiao.web.oversight import selectors
        from jixiao.web.results import extensions as results
        from jixiao.web.reviews import extensions as reviews

        reviews.queue_notes = selectors.queue_notes
        reviews.sampled_documents = selectors.sampled_documents
        entry = ("oversight/_review_section.html", selectors.review_section)
        if entry not in reviews.REVIEW_SECTIONS:
            reviews.REVIEW_SECTIONS.append(entry)
        results.score_corrections = selectors.score_corrections
        section = ("oversight/_results_section.html", selectors.results_section)
        if section not in results.RESULTS_SECTIONS:
            results.RESULTS_SECTIONS.append(section)
        if not any(header == "管理工作考核" for header, _ in results.OVERVIEW_COLUMNS):
            results.OVERVIEW_COLUMNS.append(("管理工作考核", selectors.assessment_cells))
