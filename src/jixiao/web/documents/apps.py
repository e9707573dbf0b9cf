from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "jixiao.web.documents"
    label = "documents"
    verbose_name = "原始文件"
