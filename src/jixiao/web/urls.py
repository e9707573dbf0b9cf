"""URL map of the web app."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from jixiao.web.api import api
from jixiao.web.audit import views as audit
from jixiao.web.budgets import views as budgets
from jixiao.web.dashboard import views as dashboard
from jixiao.web.declarations import views as declarations
from jixiao.web.departments import views as departments
from jixiao.web.evaluation import views as evaluation
from jixiao.web.monitoring import views as monitoring
from jixiao.web.results import views as results
from jixiao.web.reviews import views as reviews

admin.site.site_header = "jixiao 预算绩效管理 · 管理后台"
admin.site.site_title = "jixiao 管理后台"
admin.site.index_title = "数据管理"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("dashboard/", dashboard.board, name="dashboard"),
    path("dashboard/export.xlsx", dashboard.export, name="dashboard-export"),
    path("monitoring/", monitoring.monitoring, name="monitoring"),
    path("departments/<int:department_id>/monitoring/<int:year>/responses/", monitoring.respond,
         name="monitoring-respond"),
    path("departments/<int:department_id>/", departments.detail, name="department"),
    path("departments/<int:department_id>/budgets/<int:year>/monthly/", departments.record_monthly,
         name="department-monthly"),
    path("departments/<int:department_id>/budgets/<int:year>/monthly/template.xlsx", budgets.template,
         name="department-monthly-template"),
    path("departments/<int:department_id>/budgets/<int:year>/monthly/import/", budgets.upload,
         name="department-monthly-import"),
    path("departments/<int:department_id>/evaluation/<int:year>/", evaluation.detail, name="evaluation"),
    path("departments/<int:department_id>/evaluation/<int:year>/self/", evaluation.edit, name="evaluation-edit"),
    path("departments/<int:department_id>/evaluation/<int:year>/report.<str:fmt>", evaluation.download,
         name="evaluation-download"),
    path("departments/<int:department_id>/declaration/<int:year>/", declarations.declaration, name="declaration"),
    path("departments/<int:department_id>/declaration/<int:year>/review/", declarations.review,
         name="declaration-review"),
    path("declarations/", declarations.queue, name="declarations"),
    path("departments/<int:department_id>/results/", results.department, name="department-results"),
    path("departments/<int:department_id>/results/rectifications/new/", results.new_rectification,
         name="rectification-new"),
    path("departments/<int:department_id>/results/rectifications/<int:rectification_id>/", results.rectification,
         name="rectification"),
    path("departments/<int:department_id>/results/from-evaluation/<int:year>/", results.from_evaluation,
         name="rectification-from-evaluation"),
    path("results/", results.overview, name="results"),
    path("results/export.xlsx", results.export, name="results-export"),
    path("audit/", audit.log, name="audit"),
    path("reviews/", reviews.documents, name="reviews"),
    path("reviews/<int:document_id>/", reviews.review, name="review"),
    path("reviews/<int:document_id>/decision/", reviews.record, name="review-record"),
    path("api/", api.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
