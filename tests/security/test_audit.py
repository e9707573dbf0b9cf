"""The audit (审计): every write attributed, logins and exports recorded, filters, export, retention, tamper evidence.

Before (issue #15, #13): CLI imports and demo writes had no user; web writes no source IP;
logins, failed logins, logouts and downloads were not recorded (``/audit/`` listed every login
as "用户 #N（无字段变化）"); no filter by kind or date, no sort; no export; no retention rule;
a deleted or altered history row went unnoticed (there was no ``jixiao db verify-audit``); audit
values showed JSON with ``null`` and UTC times with ``+00:00``. Each test below failed then.
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone
from tests.security._db import database, jixiao, python
from tests.web.conftest import PASSWORD, World
from tests.web.versions import versioned

SEED = Path("/work/shared/corpus/101.txt")


@pytest.fixture
def world(db) -> World:
    return World()


def _client(user, ip: str = "10.20.30.40") -> Client:
    client = Client(REMOTE_ADDR=ip)
    client.force_login(user)
    return client


def _patch(world, user, ip: str = "10.20.30.40", measure: str = "细化指标。"):
    client = _client(user, ip)
    url = f"/api/departments/{world.a.pk}/rectifications/{world.rectification.pk}"
    body = versioned(client, url, {"measure": measure, "status": "in_progress", "progress": "已修订。"})
    return client.patch(url, data=json.dumps(body), content_type="application/json")


# -- attribution ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_cli_writes_name_the_os_user_or_the_as_user(tmp_path) -> None:
    url, home = database("sqlite", "attrib", tmp_path), tmp_path / "home"
    jixiao(url, home, "db", "migrate")
    jixiao(url, home, "db", "create-user", "auditor", "--role", "finance", "--password", "Aud1t-passw0rd-long")
    jixiao(url, home, "import", "--save", str(SEED))
    os_user = getpass.getuser()
    reasons = python(url, home, "from jixiao.web.evaluation.models import Evaluation\n"
                     "print(set(Evaluation.history.values_list('history_change_reason', 'history_user__username')))")
    assert f"命令行 · 操作系统用户 {os_user}" in reasons.stdout

    edited = tmp_path / "edited.txt"
    edited.write_text(SEED.read_text(encoding="utf-8").replace("。", "。 ", 1), encoding="utf-8")
    jixiao(url, home, "--as", "auditor", "import", "--save", str(edited))
    last = python(url, home, "from jixiao.web.documents.models import SourceDocument\n"
                  "h = SourceDocument.history.order_by('-history_id').first()\n"
                  "print(h.history_user.username, '|', h.history_change_reason)")
    assert last.stdout.split("|")[0].strip() == "auditor"

    unknown = jixiao(url, home, "import", "--save", "--as", "nobody", str(SEED), check=False)
    assert unknown.returncode == 1 and "找不到用户 nobody" in unknown.stderr


@pytest.mark.django_db
def test_demo_writes_are_the_system_accounts() -> None:
    from jixiao.web import demo
    from jixiao.web.audit.selectors import historical_models

    demo.load(departments=1, years=(2022,))
    demo.create_accounts()
    who = set()
    for historical in historical_models().values():
        who |= set(historical._default_manager.values_list("history_user__username", "history_change_reason"))
    assert who - {("system", "系统")} == {("system", "演示数据")}  # the account's own creation aside


def test_a_web_write_keeps_its_source_ip_and_shows_it(world) -> None:
    assert _patch(world, world.user_a, ip="10.20.30.40").status_code == 200
    from jixiao.web.results.models import Rectification

    row = Rectification.history.order_by("-history_id").first()
    assert row.history_user == world.user_a and row.history_change_reason == "网页 · 10.20.30.40"
    page = _client(world.finance).get("/audit/?kind=~").content.decode()
    assert "网页 · 10.20.30.40" in page


# -- events ---------------------------------------------------------------------------------------

def test_logins_failed_logins_logouts_and_exports_are_events(world) -> None:
    from jixiao.web.accounts.models import User
    from jixiao.web.audit.models import AuditEvent

    history_before = User.history.count()
    browser = Client(REMOTE_ADDR="192.0.2.7")
    browser.post("/accounts/login/", {"username": "dept_a", "password": "wrong-password"})
    browser.post("/accounts/login/", {"username": "no-such-user", "password": "x"})
    assert browser.post("/accounts/login/", {"username": "dept_a", "password": PASSWORD}).status_code == 302
    assert browser.get("/results/export.xlsx").status_code == 200
    browser.post("/accounts/logout/")
    events = list(AuditEvent.objects.order_by("id").values_list("kind", "username", "source"))
    assert events == [("login_failed", "dept_a", "网页 · 192.0.2.7"), ("login_failed", "no-such-user", "网页 · 192.0.2.7"),
                      ("login", "dept_a", "网页 · 192.0.2.7"), ("export", "dept_a", "网页 · 192.0.2.7"),
                      ("logout", "dept_a", "网页 · 192.0.2.7")]
    assert "results.xlsx" in AuditEvent.objects.get(kind="export").detail
    assert User.history.count() == history_before  # a login is an event, not a change of the user

    finance = _client(world.finance).get("/audit/?kind=login_failed").content.decode()
    assert finance.count('data-kind="login_failed"') == 2 and "用户名不存在" in finance
    assert "无字段变化" not in _client(world.finance).get("/audit/").content.decode()
    mine = _client(world.user_b).get("/audit/?kind=event").content.decode()
    assert 'data-kind="login_failed"' not in mine  # another department's events stay hidden


# -- page: filters, sort, pagination, display -----------------------------------------------------

def test_filters_by_kind_user_dates_and_department_with_sort_kept_in_the_url(world) -> None:
    client = _client(world.finance)
    today = timezone.localdate()
    mine = f"/api/audit?kind=~&user={world.user_a.pk}&date_from={today}&date_to={today}"
    before = client.get(mine).json()["count"]  # the shared data's own edits by dept_a
    _patch(world, world.user_a)
    api = client.get(mine).json()
    assert api["count"] == before + 1 and api["entries"][0]["type"] == "~"
    assert client.get(f"/api/audit?date_from={today + timedelta(days=1)}").json()["count"] == 0
    assert client.get(f"/api/audit?department={world.a.pk}&kind=change").json()["count"] > 0
    newest = [e["date"] for e in client.get("/api/audit?kind=change").json()["entries"]]
    oldest = [e["date"] for e in client.get("/api/audit?kind=change&sort=date").json()["entries"]]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest) and newest[0] > oldest[0]
    page = client.get(f"/audit/?kind=change&sort=date&from={today}").content.decode()
    assert f"kind=change&amp;from={today}&amp;sort=date&amp;page=2" in page  # the next page keeps filters and sort
    assert 'value="change" selected' in page


def test_entries_read_as_field_old_to_new_in_words_and_local_time(world) -> None:
    from jixiao.web.evaluation.models import Evaluation

    evaluation = Evaluation.objects.filter(department=world.a).first()
    evaluation.problems = ["资金支出进度偏慢", "绩效目标不够细化"]
    evaluation.save()
    page = _client(world.finance).get(f"/audit/?model=evaluation.evaluation&department={world.a.pk}").content.decode()
    assert "资金支出进度偏慢；绩效目标不够细化" in page
    for raw in ("null", "+00:00", '["', "None"):
        assert raw not in page, raw
    local = timezone.localtime(Evaluation.history.order_by("-history_id").first().history_date)
    assert local.strftime("%Y-%m-%d %H:%M:%S") in page


# -- export ---------------------------------------------------------------------------------------

def test_the_log_exports_as_csv_and_xlsx_with_the_filters_and_formulas_as_text(world) -> None:
    _patch(world, world.user_a, measure="=HYPERLINK(\"http://evil.example/\",\"点此\")")
    client = _client(world.finance)
    count = client.get("/api/audit?kind=change").json()["count"]
    response = client.get("/audit/export.csv?kind=change")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["时间", "操作人", "类型"] and len(rows) == count + 1
    assert not any(cell.startswith("=") for row in rows for cell in row)

    xlsx = client.get("/audit/export.xlsx?kind=change")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == count + 1 and values[0][0] == "时间"
    assert any("HYPERLINK" in (v or "") for row in values for v in row)
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value)

    from jixiao.web.audit.models import AuditEvent

    assert AuditEvent.objects.filter(kind="export", detail__contains="审计日志").count() == 2  # exports are audited too


# -- retention and tamper evidence ----------------------------------------------------------------

SMALL = """
bootstrap.migrate()
from jixiao.web import demo
demo.load(departments=1, years=(2022,))
"""


@pytest.mark.slow
def test_verify_audit_names_a_deleted_an_altered_and_an_unsealed_record(tmp_path) -> None:
    url, home = database("sqlite", "tamper", tmp_path), tmp_path / "home"
    python(url, home, SMALL)
    ok = jixiao(url, home, "db", "verify-audit")
    assert "审计记录完整" in ok.stdout
    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    deleted = db.execute("SELECT record_id FROM audit_auditseal WHERE model='results.rectification' ORDER BY seq").fetchone()[0]
    db.execute("DELETE FROM results_historicalrectification WHERE history_id=?", (deleted,))
    altered = db.execute("SELECT history_id FROM budgets_historicalbudget ORDER BY history_id").fetchone()[0]
    db.execute("UPDATE budgets_historicalbudget SET total = COALESCE(total, 0) + 1 WHERE history_id=?", (altered,))
    db.execute("INSERT INTO audit_auditevent (date, kind, username, source, detail) "
               "VALUES ('2026-01-01 00:00:00', 'login', 'ghost', '', '')")
    db.commit()
    db.close()
    bad = jixiao(url, home, "db", "verify-audit", check=False)
    assert bad.returncode == 1
    assert f"整改事项的历史记录 #{deleted}已被删除" in bad.stderr
    assert f"预算的历史记录 #{altered}的内容已被修改" in bad.stderr
    assert "审计事件" in bad.stderr and "未封存" in bad.stderr


@pytest.mark.slow
def test_verify_audit_notices_a_deleted_seal(tmp_path) -> None:
    url, home = database("sqlite", "seal", tmp_path), tmp_path / "home"
    python(url, home, SMALL)
    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    db.execute("DELETE FROM audit_auditseal WHERE seq = 10")
    db.commit()
    db.close()
    bad = jixiao(url, home, "db", "verify-audit", check=False)
    assert bad.returncode == 1 and "封存链第 10–10 条缺失" in bad.stderr


@pytest.mark.slow
def test_prune_keeps_at_least_180_days_and_the_chain_verifies_after(tmp_path) -> None:
    url, home = database("sqlite", "prune", tmp_path), tmp_path / "home"
    python(url, home, SMALL)
    refused = jixiao(url, home, "db", "prune-audit", "--days", "30", check=False)
    assert refused.returncode == 1 and "至少保留 180 天" in refused.stderr
    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    total = db.execute("SELECT COUNT(*) FROM audit_auditseal").fetchone()[0]
    db.execute("UPDATE audit_auditseal SET sealed_at = '2020-01-01 00:00:00' WHERE seq <= 20")
    db.commit()
    pruned = jixiao(url, home, "db", "prune-audit", "--days", "200")
    assert "已删除 20 条" in pruned.stdout
    assert db.execute("SELECT COUNT(*) FROM audit_auditseal").fetchone()[0] == total - 20 + 1  # + the prune's event
    db.close()
    assert "审计记录完整" in jixiao(url, home, "db", "verify-audit").stdout
