from django.apps import AppConfig


class ProjperfConfig(AppConfig):
    name = "jixiao.web.projperf"
    label = "projperf"
    verbose_name = "项目绩效"
