"""The home page and the finance bureau's dashboard (首页与看板)."""
from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "jixiao.web.dashboard"
    label = "dashboard"
    verbose_name = "首页与看板"
