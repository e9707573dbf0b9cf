"""Pages of the year-end evaluation (年终自评): the core's score, the entry form, the report downloads."""

from django.urls import path

from jixiao.web.evaluation import views

urlpatterns = [
    path("departments/<int:department_id>/evaluation/<int:year>/", views.detail, name="evaluation"),
    path("departments/<int:department_id>/evaluation/<int:year>/self/", views.edit, name="evaluation-edit"),
    path("departments/<int:department_id>/evaluation/<int:year>/report.<str:fmt>", views.download,
         name="evaluation-download"),
]
