"""The home page, the login, and who sees which department."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from jixiao import synthetic
from jixiao.samples import samples
from jixiao.web.accounts.models import Role, User
from jixiao.web.departments.models import Department
from jixiao.web.evaluation.flows import save_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    for item in samples():
        save_report(item.gold())
    save_report(synthetic.report(0, 2022))


def _user(username: str, role: str, department: Department | None = None) -> User:
    return User.objects.create_user(username=username, password="pw-for-tests-1", role=role, department=department)


def test_home_requires_login(client) -> None:
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_finance_user_sees_every_department_with_figures(client, seeded) -> None:
    client.force_login(_user("caizheng", Role.FINANCE))
    page = client.get(reverse("home")).content.decode()
    assert "中国共产党广州市荔湾区委员会宣传部" in page
    assert "中国共产党广州市增城区委员会宣传部" in page
    assert "3,663.27" in page and "2,659.40" in page and "72.60%" in page
    assert "2,661.70" in page and "92.32%" in page
    assert "共 3 个部门" in page


def test_department_user_sees_only_their_own(client, seeded) -> None:
    liwan = Department.objects.get(name__contains="荔湾")
    client.force_login(_user("liwan", Role.DEPARTMENT, liwan))
    page = client.get(reverse("home")).content.decode()
    assert "荔湾区委员会宣传部" in page
    assert "增城区委员会宣传部" not in page
    assert "共 1 个部门" in page


def test_department_user_without_department_sees_nothing(client, seeded) -> None:
    client.force_login(_user("nobody", Role.DEPARTMENT))
    assert "暂无数据" in client.get(reverse("home")).content.decode()


def test_login_locks_out_after_repeated_failures(client) -> None:
    _user("locked", Role.FINANCE)
    for _ in range(5):
        client.post(reverse("login"), {"username": "locked", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "locked", "password": "pw-for-tests-1"})
    assert "账户已暂时锁定" in response.content.decode()


def test_admin_pages_are_in_chinese(admin_client, seeded) -> None:
    page = admin_client.get("/admin/").content.decode()
    assert "管理后台" in page and "部门预算" in page and "绩效指标" in page
    for url in ["/admin/budgets/budget/", "/admin/evaluation/indicator/", "/admin/departments/department/",
                "/admin/documents/sourcedocument/", "/admin/reviews/reviewrecord/", "/admin/accounts/user/"]:
        assert admin_client.get(url).status_code == 200, url


def test_migrations_are_committed() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
