"""Shared steps of the 信息公开 tests: a department-year made publishable, and a public-site walk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.test import Client
from django.utils import timezone

from jixiao.web.evaluation.models import Evaluation

HREF = re.compile(r'href="([^"#]*)"')


def submit(department: Any, year: int = 2022) -> None:
    """The department's 年终自评 of ``year`` submitted (as the evaluation service leaves it)."""
    Evaluation.objects.filter(department=department, fiscal_year__year=year).update(
        status=Evaluation.Status.SUBMITTED, submitted_at=timezone.now())


def walk(client: Client, start: str = "/gongkai/") -> Iterator[tuple[str, Any]]:
    """Every URL reachable from ``start`` by following links (GET), with its response; each once."""
    seen: set[str] = set()
    queue = [start]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        yield url, response
        if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
            for href in HREF.findall(response.content.decode()):
                href = href.replace("&amp;", "&")
                if href.startswith("?"):
                    href = url.split("?")[0] + href
                if href not in seen and not href.startswith("data:"):  # the page icon, not a link
                    queue.append(href)
