"""Pages of budgets (预算): the department's own page and its monthly execution entry and import."""

from django.urls import path

from jixiao.web.budgets import views

urlpatterns = [
    path("departments/<int:department_id>/", views.detail, name="department"),
    path("departments/<int:department_id>/budgets/<int:year>/monthly/", views.record_monthly,
         name="department-monthly"),
    path("departments/<int:department_id>/budgets/<int:year>/monthly/template.xlsx", views.template,
         name="department-monthly-template"),
    path("departments/<int:department_id>/budgets/<int:year>/monthly/import/", views.upload,
         name="department-monthly-import"),
]
