"""Pages of the use of results (结果应用): a department's results, its rectification items, the overview."""

from django.urls import path

from jixiao.web.results import views

urlpatterns = [
    path("departments/<int:department_id>/results/", views.department, name="department-results"),
    path("departments/<int:department_id>/results/rectifications/new/", views.new_rectification,
         name="rectification-new"),
    path("departments/<int:department_id>/results/rectifications/<int:rectification_id>/", views.rectification,
         name="rectification"),
    path("departments/<int:department_id>/results/from-evaluation/<int:year>/", views.from_evaluation,
         name="rectification-from-evaluation"),
    path("results/", views.overview, name="results"),
    path("results/export.xlsx", views.export, name="results-export"),
]
