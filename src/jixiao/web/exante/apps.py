from django.apps import AppConfig


class ExanteConfig(AppConfig):
    name = "jixiao.web.exante"
    label = "exante"
    verbose_name = "事前绩效评估"
