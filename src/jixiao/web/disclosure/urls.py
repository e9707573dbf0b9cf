"""Pages of 信息公开: the finance bureau's publishing page (``/disclosure/``) and the public site (``/gongkai/``)."""

from django.urls import include, path

from jixiao.web.disclosure import views

urlpatterns = [
    path("disclosure/", views.index, name="disclosure"),
    path("disclosure/publish/", views.publish_item, name="disclosure-publish"),
    path("disclosure/<int:publication_id>/withdraw/", views.withdraw_item, name="disclosure-withdraw"),
    path("gongkai/", include("jixiao.web.disclosure.public_urls")),
]
