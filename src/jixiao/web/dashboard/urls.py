"""Pages of the dashboard (首页与看板): the home page, the finance bureau's board and its export."""

from django.urls import path

from jixiao.web.dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.board, name="dashboard"),
    path("dashboard/export.xlsx", views.export, name="dashboard-export"),
]
