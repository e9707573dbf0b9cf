"""Writes of accounts: the password rules for every path that sets one (the CLI included), from ``AUTH_PASSWORD_VALIDATORS``."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from jixiao.web.accounts.models import User


def password_problems(password: str, *, username: str, role: str) -> list[str]:
    """What is wrong with ``password`` for a new user ``username`` (in Chinese), or nothing."""
    try:
        validate_password(password, User(username=username, role=role))
    except ValidationError as exc:
        return list(exc.messages)
    return []
