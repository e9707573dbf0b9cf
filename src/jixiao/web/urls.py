"""URL map of the web app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from jixiao.web.api import api
from jixiao.web.budgets import views as budgets
from jixiao.web.dashboard import views as dashboard
from jixiao.web.departments import views as departments
from jixiao.web.evaluation import views as evaluation
from jixiao.web.reviews import views as reviews

admin.site.site_header = "jixiao 预算绩效管理 · 管理后台"
admin.site.site_title = "jixiao 管理后台"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("dashboard/", dashboard.board, name="dashboard"),
    path("dashboard/export.xlsx", dashboard.export, name="dashboard-export"),
    path("monitoring/", budgets.monitoring, name="monitoring"),
    path("departments/<int:department_id>/", departments.detail, name="department"),
    path("departments/<int:department_id>/budgets/<int:year>/monthly/", departments.record_monthly,
         name="department-monthly"),
    path("departments/<int:department_id>/evaluation/<int:year>/", evaluation.detail, name="evaluation"),
    path("departments/<int:department_id>/evaluation/<int:year>/self/", evaluation.edit, name="evaluation-edit"),
    path("departments/<int:department_id>/evaluation/<int:year>/report.<str:fmt>", evaluation.download,
         name="evaluation-download"),
    path("reviews/", reviews.documents, name="reviews"),
    path("reviews/<int:document_id>/", reviews.review, name="review"),
    path("api/", api.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
