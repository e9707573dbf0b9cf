"""URLs of the public disclosure site (``/gongkai/``): the list, a publication, a file, the sitemap, robots.txt."""

from django.urls import path, re_path

from jixiao.web.disclosure import public_views

urlpatterns = [
    path("", public_views.index, name="gongkai"),
    path("<int:publication_id>/", public_views.detail, name="gongkai-detail"),
    path("files/<int:file_id>/", public_views.download, name="gongkai-file"),
    path("sitemap.xml", public_views.sitemap, name="gongkai-sitemap"),
    path("robots.txt", public_views.robots, name="gongkai-robots"),
    re_path(r"^.+$", public_views.not_found),  # any other path under /gongkai/: the site's own 404, no internal link
]
