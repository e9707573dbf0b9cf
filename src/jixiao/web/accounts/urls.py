"""The signed-in user's own account pages."""

from django.urls import path

from jixiao.web.accounts import views

urlpatterns = [
    path("accounts/password/", views.change_password, name="password-change"),
    path("accounts/2fa/", views.two_factor, name="two-factor"),
]
