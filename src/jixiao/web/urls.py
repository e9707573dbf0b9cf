"""URL map of the web app: each app's pages, the JSON API, login and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.web.api import api

admin.site.site_header = "jixiao 预算绩效管理 · 管理后台"
admin.site.site_title = "jixiao 管理后台"
admin.site.index_title = "数据管理"

APPS_WITH_PAGES = ("dashboard", "monitoring", "budgets", "evaluation", "declarations", "results", "audit", "reviews",
                   "projects", "exante", "batches", "indicators")
"""Each app's ``urls.py`` holds its pages; their paths do not overlap, so the order is the reading order."""

urlpatterns = [
    *(path("", include(f"jixiao.web.{app}.urls")) for app in APPS_WITH_PAGES),
    path("", include("jixiao.web.projperf.urls")),  # 项目绩效 (issue 16)
    path("", include("jixiao.web.targets.urls")),  # 目标质量 (issue 17)
    path("", include("jixiao.web.oversight.urls")),  # 抽评与考核 (issue 19)
    path("", include("jixiao.web.disclosure.urls")),  # 信息公开 and the public site /gongkai/ (issue 19)
    path("api/", api.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("jixiao.web.accounts.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "jixiao.web.common.errors.bad_request"
handler403 = "jixiao.web.common.errors.permission_denied"
handler404 = "jixiao.web.common.errors.page_not_found"
handler500 = "jixiao.web.common.errors.server_error"
