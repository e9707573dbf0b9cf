"""Pages of 项目绩效 under a project (goals, monitoring, self-evaluation, downloads) and the review queue."""

from django.urls import path

from jixiao.web.projperf import views

urlpatterns = [
    path("projects/<int:project_id>/performance/", views.years, name="project-performance"),
    path("projects/<int:project_id>/performance/<int:year>/", views.goals, name="project-goals"),
    path("projects/<int:project_id>/performance/<int:year>/adjust/", views.adjust, name="project-adjust"),
    path("projects/<int:project_id>/performance/<int:year>/review/", views.review, name="project-goals-review"),
    path("projects/<int:project_id>/performance/<int:year>/monitoring/", views.monitoring, name="project-monitoring"),
    path("projects/<int:project_id>/performance/<int:year>/evaluation/", views.evaluation, name="project-evaluation"),
    path("projects/<int:project_id>/performance/<int:year>/evaluation/<str:filename>", views.download,
         name="project-evaluation-download"),
    path("project-declarations/", views.queue, name="project-declarations"),
]
