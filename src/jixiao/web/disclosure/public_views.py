"""The public disclosure site (信息公开网站, ``/gongkai/``): anonymous, read-only, cached, nothing internal.

Only ``disclosure.selectors``' public reads are called (live publications only), the templates
extend their own ``gongkai/base.html`` (no internal navigation, no link to a page behind login),
and this module imports no internal view (an import-linter contract in pyproject.toml).

Caching (可被抓取): every page's ETag is a hash of the publications' state (their count and latest
change — both move on every publish and withdraw) and of the page's URL; a request with that ETag
(or an unchanged Last-Modified) gets 304, and the rendered page is kept in Django's cache under
the same key. A publish or withdraw changes the state, so every page's key changes at once in every
process — nothing stale can be served, nothing needs to be deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

from jixiao.web.common.listing import as_number
from jixiao.web.disclosure.models import Kind
from jixiao.web.disclosure.selectors import (
    public_facets,
    public_file,
    public_list,
    public_publication,
    public_state,
)

PER_PAGE = 20
CACHE_SECONDS = 600
"""How long a rendered page stays in the cache (its key changes on every publish or withdraw anyway)."""
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _cached(request: HttpRequest, make: Callable[[], tuple[str, int]], content_type: str = "text/html; charset=utf-8"
            ) -> HttpResponse:
    """The page ``make`` renders (body, status), with ETag / Last-Modified, 304 when unchanged, from the cache."""
    count, latest = public_state()
    latest = latest or EPOCH
    etag = '"' + hashlib.sha256(f"{count}|{latest.isoformat()}|{request.get_full_path()}".encode()).hexdigest()[:32] + '"'
    modified = int(latest.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=modified)
    if conditional is not None:
        return conditional
    key = "gongkai:" + etag.strip('"')
    hit = cache.get(key)
    if hit is None:
        hit = make()
        cache.set(key, hit, CACHE_SECONDS)
    body, status = hit
    response = HttpResponse(body, status=status, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = "public, no-cache"  # may be stored, revalidated each time (withdrawn = gone)
    return response


def index(request: HttpRequest) -> HttpResponse:
    """公开目录: every live publication, newest year first; search (标题、部门) and filters 年度 / 部门 / 公开内容."""
    def make() -> tuple[str, int]:
        year, department = as_number(request.GET.get("year")), as_number(request.GET.get("department"))
        kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else None
        q = (request.GET.get("q") or "").strip()[:100]
        rows = public_list(year=year, department=department, kind=kind, q=q)
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render_to_string("gongkai/index.html", {
            "page": page, "facets": public_facets(), "year": year, "department": department, "kind": kind, "q": q,
            "filtered": any((year, department, kind, q)), "query": query.urlencode(),
            "offset": (page.number - 1) * PER_PAGE,
        }, request=None), 200
    return _cached(request, make)


def detail(request: HttpRequest, publication_id: int) -> HttpResponse:
    """公开详情: the publication's particulars, its text (复核结果) and attachments with their SHA-256."""
    def make() -> tuple[str, int]:
        publication = public_publication(publication_id)
        if publication is None:
            return render_to_string("gongkai/missing.html", {}), 404
        return render_to_string("gongkai/detail.html", {"p": publication, "files": list(publication.files.all())}), 200
    return _cached(request, make)


def not_found(request: HttpRequest) -> HttpResponse:
    """The public site's 404 (信息不存在) for any other path under its prefix, in its own layout."""
    return HttpResponse(render_to_string("gongkai/missing.html", {}), status=404)


def download(request: HttpRequest, file_id: int) -> HttpResponse:
    """An attachment's bytes, exactly as stored at publication (ETag: its sha256)."""
    item = public_file(file_id)
    if item is None:
        return not_found(request)
    etag = f'"{item.blob.sha256}"'
    conditional = get_conditional_response(request, etag=etag)
    if conditional is not None:
        return conditional
    response = HttpResponse(bytes(item.blob.content), content_type=CONTENT_TYPES.get(item.format, "application/octet-stream"))
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=item.filename) or ""
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


def sitemap(request: HttpRequest) -> HttpResponse:
    """sitemap.xml of the public site: the list and every live publication (for crawlers)."""
    def make() -> tuple[str, int]:
        base = request.build_absolute_uri(reverse("gongkai"))
        entries = [(base, None)] + [(request.build_absolute_uri(reverse("gongkai-detail", args=[p.pk])), p.published_at)
                                    for p in public_list()]
        return render_to_string("gongkai/sitemap.xml", {"entries": entries}), 200
    return _cached(request, make, content_type="application/xml; charset=utf-8")


def robots(request: HttpRequest) -> HttpResponse:
    """robots.txt of the public site: crawlers may read the list and every publication; the sitemap lists them."""
    base = reverse("gongkai")
    body = (f"User-agent: *\nAllow: {base}\n"
            f"Sitemap: {request.build_absolute_uri(reverse('gongkai-sitemap'))}\n")
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
