"""Error pages (错误页面) in Chinese, in the site's layout, with a way back — with DEBUG off."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

WAY_BACK = ('href="/"', "返回首页", "返回上一页")


def _page(response) -> str:
    return response.content.decode()


def _assert_chinese_page(text: str, title: str) -> None:
    assert title in text
    assert "jixiao · 预算绩效管理" in text and "site.css" in text  # the site's layout
    for piece in WAY_BACK:
        assert piece in text
    for english in ("Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF"):
        assert english not in text


@override_settings(DEBUG=False)
def test_404_is_chinese_in_the_layout_with_the_view_reason(world) -> None:
    client = Client()
    client.force_login(world.user_a)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _assert_chinese_page(_page(response), "页面不存在")
    response = client.get(f"/departments/{world.b.pk}/")  # another department's page: 404, its reason in Chinese
    assert response.status_code == 404
    text = _page(response)
    _assert_chinese_page(text, "页面不存在")
    assert "部门不存在" in text and "本部门" in text  # the signed-in user's navigation is there


@override_settings(DEBUG=False)
def test_403_says_why_in_chinese(world) -> None:
    client = Client()
    client.force_login(world.user_a)
    response = client.get("/dashboard/")
    assert response.status_code == 403
    _assert_chinese_page(_page(response), "无权访问")
    client.force_login(world.finance)
    response = client.post(f"/departments/{world.a.pk}/budgets/2022/monthly/", {"month": 1, "spent": "1"})
    assert response.status_code == 403
    assert "财政局用户不能修改部门数据" in _page(response)


@override_settings(DEBUG=False)
def test_csrf_failure_is_the_chinese_form_expired_page(world) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "dept_a", "password": PASSWORD})
    assert response.status_code == 403
    _assert_chinese_page(_page(response), "表单已失效")
    assert "刷新页面" in _page(response)


@override_settings(DEBUG=False)
def test_400_is_chinese(world, rf) -> None:
    from django.core.exceptions import SuspiciousOperation

    from jixiao.web.common import errors

    response = errors.bad_request(rf.get("/"), SuspiciousOperation("bad"))
    assert response.status_code == 400
    assert "请求有误" in _page(response) and "返回首页" in _page(response)
    response = Client().get("/", HTTP_HOST="evil.example")  # a host not allowed: Django's 400 handler
    assert response.status_code == 400
    assert "请求有误" in _page(response)


@override_settings(DEBUG=False)
def test_500_renders_when_the_view_and_the_database_fail(world, monkeypatch) -> None:
    from django.db import connection

    from jixiao.web.dashboard import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.user_a)

    # The database refuses every query from here on: the 500 page needs none.
    def refuse(execute, sql, params, many, context):
        raise RuntimeError("database down")

    with connection.execute_wrapper(refuse):
        response = client.get("/")
    assert response.status_code == 500
    text = _page(response)
    assert "系统出错" in text and "返回首页" in text and "site.css" in text
    assert "Server Error" not in text and "boom" not in text


def test_500_falls_back_to_a_fixed_page_when_its_template_fails(rf, monkeypatch) -> None:
    from jixiao.web.common import errors

    def broken(*args, **kwargs):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(errors.loader, "render_to_string", broken)
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500 and "系统出错" in _page(response) and 'href="/"' in _page(response)
