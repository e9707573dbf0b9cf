"""The version a write must send back (乐观锁), read as the client would: GET, then PUT with it.

Tests of other things (permissions, audit, CSRF) write like a well-behaved client: they read the
record's ``version`` first. A client that cannot read the record gets 0 (its write is refused
for its own reason: 403/404 before any version check).
"""

from __future__ import annotations

import re
from typing import Any

MONTHLY = re.compile(r"^(/api/departments/\d+/budgets/\d+)/monthly/(\d+)$")
RECTIFICATION = re.compile(r"^(/api/departments/\d+/rectifications)/(\d+)$")
RESPONSES = re.compile(r"^/api/departments/(\d+)/monitoring/(\d+)/responses$")
PROJECT_STATUS = re.compile(r"^(/api/projects/\d+)/status$")
"""A project's status change takes the project's version (``/api/projects/<id>``)."""
PROJECT_YEAR = re.compile(r"^(/api/projects/\d+/performance/\d+)(/evaluation)?$")
"""项目绩效: the declaration PUT and the self-evaluation PUT take the project-year's version."""
EXANTE_REVIEW = re.compile(r"^(/api/exante/\d+)/review$")
VERSIONED = (MONTHLY, RECTIFICATION, EXANTE_REVIEW, re.compile(r"^/api/exante/\d+$"), re.compile(r"^/api/departments/\d+/self-evaluation/\d+$"),
             re.compile(r"^/api/departments/\d+/declarations/\d+$"), re.compile(r"^/api/documents/\d+/review$"),
             re.compile(r"^/api/projects/\d+$"), PROJECT_STATUS, PROJECT_YEAR)
"""The writes that take a ``version``."""


def current_version(client: Any, url: str) -> int:
    """The version ``client`` sees of the record a PUT/PATCH to ``url`` writes."""
    item = RECTIFICATION.match(url)
    if item:
        response = client.get(item.group(1))
        rows = response.json() if response.status_code == 200 else []
        return next((row["version"] for row in rows if row["id"] == int(item.group(2))), 0)
    status = PROJECT_STATUS.match(url)
    if status:
        url = status.group(1)
    project_year = PROJECT_YEAR.match(url)
    if project_year:
        url = project_year.group(1)
    review = EXANTE_REVIEW.match(url)  # a 事前评估's review sends the assessment's version
    match = MONTHLY.match(url)
    response = client.get(match.group(1) if match else review.group(1) if review else url)
    if response.status_code != 200:
        return 0
    data = response.json()
    if match:
        month = int(match.group(2))
        return next((m["version"] for m in data.get("monthly", []) if m["month"] == month), 0)
    return int(data.get("version", 0)) if isinstance(data, dict) else 0


def response_version(client: Any, url: str, warning_key: str) -> int:
    """The version ``client`` sees of its department's response to ``warning_key`` (0: none yet)."""
    department, year = (int(g) for g in RESPONSES.match(url).groups())  # type: ignore[union-attr]  # callers match first
    response = client.get("/api/monitoring/responses", {"year": year})
    rows = response.json() if response.status_code == 200 else []
    return next((r["version"] for r in rows if r["department_id"] == department and r["warning_key"] == warning_key), 0)


def versioned(client: Any, url: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with the version ``client`` sees now (unless it carries one), for a write that takes one."""
    if RESPONSES.match(url) and "warning_key" in body:
        return {"version": response_version(client, url, body["warning_key"]), **body}
    if not any(pattern.match(url) for pattern in VERSIONED):
        return body
    return {"version": current_version(client, url), **body}
