"""Pages of the 项目库 (project library)."""

from django.urls import path

from jixiao.web.projects import views

urlpatterns = [
    path("projects/", views.project_list_page, name="projects"),
    path("projects/export.xlsx", views.project_export, name="projects-export"),
    path("projects/new/", views.project_create, name="project-new"),
    path("projects/<int:project_id>/", views.project_page, name="project"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project-edit"),
    path("projects/<int:project_id>/status/", views.project_status, name="project-status"),
    path("projects/<int:project_id>/delete/", views.project_delete, name="project-delete"),
    path("projects/<int:project_id>/restore/", views.project_restore, name="project-restore"),
]
