from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "jixiao.web.evaluation"
    label = "evaluation"
    verbose_name = "绩效目标与自评"

    def ready(self) -> None:
        from jixiao.web.evaluation import summary

        summary.connect()
