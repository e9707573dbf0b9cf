"""The public site (/gongkai/) as an anonymous visitor: only live publications, nothing internal, the hash is the file's."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.test import Client
from django.urls import resolve
from tests.web.disclosure.helpers import submit, walk

from jixiao.web.declarations.models import GoalDeclaration
from jixiao.web.disclosure.models import Kind, Publication
from jixiao.web.disclosure.services import publish, withdraw

pytestmark = pytest.mark.django_db

SHA_OF_LINK = re.compile(r'href="(/gongkai/files/\d+/)" class="download" data-sha256="([0-9a-f]{64})"')


@pytest.fixture
def published(world) -> dict[str, Publication]:
    """A's self-evaluation live; B's goals published and withdrawn; A's goals never published (a draft declaration)."""
    submit(world.a)
    submit(world.b)
    live = publish(department=world.a, year=2022, kind=Kind.SELF_EVALUATION, user=world.finance)
    gone = publish(department=world.b, year=2022, kind=Kind.GOALS, user=world.finance)
    withdraw(publication=gone, user=world.finance, reason="内容有误")
    return {"live": live, "withdrawn": gone}


def test_an_anonymous_walk_finds_only_published_items_and_nothing_internal(world, published) -> None:
    live, gone = published["live"], published["withdrawn"]
    client = Client()
    pages = dict(walk(client))
    assert "/gongkai/" in pages and f"/gongkai/{live.pk}/" in pages
    for url, response in pages.items():
        assert url.startswith("/gongkai/"), f"the public site links to {url}"
        assert response.status_code == 200, (url, response.status_code)
        assert resolve(url.split("?")[0]).func.__module__ == "jixiao.web.disclosure.public_views", url
        body = response.content
        assert world.b.name.encode() not in body, f"{url} shows the withdrawn department's item"
        assert "登录".encode() not in body and b"/accounts/" not in body and b"/api/" not in body, url
    details = {url for url in pages if re.fullmatch(r"/gongkai/\d+/", url)}
    assert details == {f"/gongkai/{live.pk}/"}
    files = {url for url in pages if url.startswith("/gongkai/files/")}
    assert files == {f"/gongkai/files/{f.pk}/" for f in live.files.all()}
    # the withdrawn item and its files are gone, and A's unpublished goals were never there
    assert client.get(f"/gongkai/{gone.pk}/").status_code == 404
    assert all(client.get(f"/gongkai/files/{f.pk}/").status_code == 404 for f in gone.files.all())
    for missing in (f"/gongkai/{gone.pk}/", "/gongkai/no-such-page/", "/gongkai/files/999999/"):
        response = client.get(missing)
        assert response.status_code == 404
        assert b"/accounts/" not in response.content and not re.search(rb'href="/(?!gongkai/)', response.content), missing
    assert not GoalDeclaration.objects.filter(department=world.a, status=GoalDeclaration.Status.APPROVED).exists()
    assert "部门整体支出绩效目标表".encode() not in b"".join(r.content for u, r in pages.items() if "files" not in u)


def test_the_hash_on_the_page_is_the_downloaded_files_and_the_stored_ones(world, published) -> None:
    live = published["live"]
    client = Client()
    page = client.get(f"/gongkai/{live.pk}/").content.decode()
    shown = SHA_OF_LINK.findall(page)
    assert len(shown) == 3
    stored = {f"/gongkai/files/{f.pk}/": f.blob.sha256 for f in live.files.select_related("blob")}
    for href, sha in shown:
        response = client.get(href)
        assert response.status_code == 200
        assert hashlib.sha256(response.content).hexdigest() == sha == stored[href]
        assert response["ETag"] == f'"{sha}"'
        assert "attachment" in response["Content-Disposition"]
        assert page.count(sha) == 2  # the link's data and the 校验值 column


def test_search_and_filters(world, published) -> None:
    client = Client()
    rows = lambda **q: re.findall(r'<a href="/gongkai/(\d+)/">', client.get("/gongkai/", q).content.decode())  # noqa: E731
    live = str(published["live"].pk)
    assert rows() == [live]
    assert rows(q="自评报告") == [live] and rows(q=world.a.name[:4]) == [live]
    assert rows(q="复核结果") == [] and rows(kind="goals") == [] and rows(year=2021) == []
    assert rows(department=world.a.pk, year=2022, kind="self_evaluation") == [live]
    assert rows(department=world.b.pk) == []
    assert "没有符合条件的公开信息" in client.get("/gongkai/", {"q": "不存在的标题"}).content.decode()


def test_pages_are_cached_and_revalidated_until_a_publish_or_withdraw(world, published) -> None:
    client = Client()
    first = client.get("/gongkai/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert client.get("/gongkai/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/gongkai/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/gongkai/?q=x", HTTP_IF_NONE_MATCH=etag).status_code == 200  # another page, another tag
    withdraw(publication=published["live"], user=world.finance, reason="撤回")
    after = client.get("/gongkai/", HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert "暂无公开信息" in after.content.decode()
    sitemap = client.get("/gongkai/sitemap.xml").content.decode()
    assert f"/gongkai/{published['live'].pk}/" not in sitemap and "<loc>http://testserver/gongkai/</loc>" in sitemap


def test_robots_txt_allows_the_public_list_and_names_the_sitemap(db) -> None:
    response = Client().get("/gongkai/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *\nAllow: /gongkai/\n" in body
    sitemap = re.search(r"^Sitemap: (\S+)$", body, re.M)
    assert sitemap and sitemap.group(1) == "http://testserver/gongkai/sitemap.xml"
    assert Client().get("/gongkai/sitemap.xml").status_code == 200
