"""Pages of goal declaration (绩效目标申报) and the finance bureau's goal review (目标审核)."""

from django.urls import path

from jixiao.web.declarations import views

urlpatterns = [
    path("departments/<int:department_id>/declaration/<int:year>/", views.declaration, name="declaration"),
    path("departments/<int:department_id>/declaration/<int:year>/review/", views.review,
         name="declaration-review"),
    path("declarations/", views.queue, name="declarations"),
]
