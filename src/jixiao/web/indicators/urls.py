"""Pages of the 指标库."""

from django.urls import path

from jixiao.web.indicators import views

urlpatterns = [
    path("indicators/", views.library_page, name="indicators"),
    path("indicators/export.xlsx", views.library_export, name="indicators-export"),
    path("indicators/import/", views.library_import, name="indicators-import"),
    path("indicators/review/", views.review_queue_page, name="indicator-review"),
    path("indicators/new/", views.indicator_new, name="indicator-new"),
    path("indicators/<int:pk>/", views.indicator_page, name="indicator"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator-edit"),
    path("indicators/<int:pk>/<str:action>/", views.indicator_action, name="indicator-action"),
]
