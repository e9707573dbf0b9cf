from django.apps import AppConfig


class BatchesConfig(AppConfig):
    name = "jixiao.web.batches"
    label = "batches"
    verbose_name = "批量处理"
