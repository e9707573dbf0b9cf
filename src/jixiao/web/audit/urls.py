"""The audit log page (审计日志) and its exports."""

from django.urls import path

from jixiao.web.audit import views

urlpatterns = [
    path("audit/", views.log, name="audit"),
    path("audit/export.csv", views.export_csv, name="audit-export-csv"),
    path("audit/export.xlsx", views.export_xlsx, name="audit-export-xlsx"),
]
