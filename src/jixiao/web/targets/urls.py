"""Pages of 目标质量: 目标设置质量 per department and 行业, and the board of the library indicators' targets."""

from django.urls import path

from jixiao.web.targets import views

urlpatterns = [
    path("target-quality/", views.quality, name="target-quality"),
    path("target-quality/board/", views.board, name="target-board"),
]
