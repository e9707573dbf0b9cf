"""The audit log page (审计日志)."""

from django.urls import path

from jixiao.web.audit import views

urlpatterns = [
    path("audit/", views.log, name="audit"),
]
