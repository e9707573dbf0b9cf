"""Pages of 抽评 and 考核: the year's draw, a draw of the history, a sampled item, the ranking, a department's result."""

from django.urls import path

from jixiao.web.oversight import views

urlpatterns = [
    path("oversight/sampling/", views.sampling, name="sampling"),
    path("oversight/sampling/draws/<int:draw_id>/", views.draw, name="sampling-draw"),
    path("oversight/sampling/items/<int:item_id>/", views.item, name="sampled-item"),
    path("oversight/assessment/", views.assessment, name="assessment"),
    path("oversight/assessment/export.xlsx", views.assessment_export, name="assessment-export"),
    path("oversight/assessment/<int:department_id>/", views.department_assessment, name="department-assessment"),
]
