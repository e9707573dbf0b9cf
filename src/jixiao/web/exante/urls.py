"""Pages of 事前绩效评估."""

from django.urls import path

from jixiao.web.exante import views

urlpatterns = [
    path("exante/", views.queue_page, name="exante"),
    path("exante/<int:assessment_id>/", views.assessment_page, name="exante-assessment"),
    path("exante/<int:assessment_id>/review/", views.review_page, name="exante-review"),
    path("exante/<int:assessment_id>/assign/", views.assign_page, name="exante-assign"),
    path("exante/<int:assessment_id>/report.docx", views.report_download, name="exante-report"),
    path("exante/<int:assessment_id>/attachments/", views.attachment_upload, name="exante-attachment-upload"),
    path("exante/<int:assessment_id>/attachments/<int:attachment_id>/", views.attachment_download,
         name="exante-attachment"),
    path("exante/<int:assessment_id>/attachments/<int:attachment_id>/delete/", views.attachment_delete,
         name="exante-attachment-delete"),
    path("projects/<int:project_id>/exante/", views.project_page, name="exante-project"),
]
