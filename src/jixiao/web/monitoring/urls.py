"""Pages of 双监控 (monitoring): the board of every visible department and the response to a warning."""

from django.urls import path

from jixiao.web.monitoring import views

urlpatterns = [
    path("monitoring/", views.monitoring, name="monitoring"),
    path("departments/<int:department_id>/monitoring/<int:year>/responses/", views.respond,
         name="monitoring-respond"),
]
