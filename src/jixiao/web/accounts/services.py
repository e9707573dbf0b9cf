"""Writes on accounts (账户): a new user, checked by the same password validators as the pages.

The CLI (``jixiao db create-user``) calls this; the change-password page uses Django's form, which runs
the same ``AUTH_PASSWORD_VALIDATORS``.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import models

from jixiao.web.accounts.models import Role, User


class PasswordRejected(ValueError):
    """The password fails a validator; the message lists every reason, in Chinese."""


def create_user(*, username: str, password: str, role: str, department: models.Model | None) -> User:
    # ``department`` is a Department; accounts sits below departments in the layers, so it is not named here
    """Create an account after the password validators (length, common, like the name, digits only) accept it."""
    try:
        validate_password(password, User(username=username, role=role))
    except ValidationError as exc:
        raise PasswordRejected("密码不符合要求：" + "；".join(exc.messages)) from None
    return User.objects.create_user(username=username, password=password, role=role, department=department,
                                    is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
