"""Pages of 批量处理: the batches with the upload form, and one batch's progress."""

from django.urls import path

from jixiao.web.batches import views

urlpatterns = [
    path("batches/", views.batches, name="batches"),
    path("batches/<str:key>/", views.batch, name="batch"),
]
