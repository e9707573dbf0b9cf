"""Issue 17's "Done when", in a browser (Debian chromium): 荔湾 declares its 2023 goals with 舆情日报数量 ≥ 200 期, and
beside the field the page shows that 2022's actual was 432 期, the peers' median, and a proposed target with its basis.

Then the finance bureau opens the library indicators' board (ECharts box plot) and 目标设置质量. Screenshots in
test-artifacts/web/.
"""

from __future__ import annotations

from tests.web.browser import BROWSER_MARKS, Session
from tests.web.conftest import PASSWORD
from tests.web.targets.conftest import LIWAN, store_liwan_and_peers

from jixiao.web.accounts.models import Role, User
from jixiao.web.departments.models import Department

pytestmark = BROWSER_MARKS


def test_liwan_2023_declaration_shows_the_basis_beside_the_field(browser_world, live_server, browser) -> None:
    store_liwan_and_peers()
    liwan = Department.objects.get(name=LIWAN)
    User.objects.create_user("liwan_officer", password=PASSWORD, role=Role.DEPARTMENT, department=liwan)
    own = Session(browser, live_server.url, "liwan_officer")
    own.goto(f"/departments/{liwan.pk}/declaration/2023/")
    own.page.fill("textarea[name=goals]", "做好网络舆情监测与处置，编发舆情日报")
    own.page.click("#add-row")
    own.page.select_option("select[name=ind-0-level1]", "产出指标")
    own.page.fill("input[name=ind-0-level2]", "数量指标")
    own.page.fill("input[name=ind-0-name]", "舆情日报数量")
    own.page.select_option("select[name=ind-0-op]", ">=")
    own.page.fill("input[name=ind-0-value]", "200")
    own.page.fill("input[name=ind-0-unit]", "期")
    own.page.fill("input[name=ind-0-weight]", "10")
    own.page.click("#save")
    check = own.page.wait_for_selector(".target-check[data-indicator=舆情日报数量]")
    text = check.inner_text()
    assert "上年实际（2022）432期" in text
    assert "同类 8 个部门（含本部门）指标值中位数 365期" in text
    assert "【低于上年实际】本年指标值 200 低于上年（2022年）实际完成值 432" in text
    assert "建议指标值：432期（依据历史标准；仅为建议，请自行修改）" in text
    assert own.page.input_value("input[name=ind-0-value]") == "200"  # a suggestion, never a change
    own.shot("targets-liwan-2023-declaration")
    assert own.errors == [] and own.outside == []

    finance = Session(browser, live_server.url, browser_world.finance.username)
    finance.goto("/target-quality/board/")
    finance.page.wait_for_selector("#target-charts[data-ready='1']")
    finance.shot("targets-board")
    finance.goto("/target-quality/?year=2022")
    assert LIWAN in finance.page.inner_text("#quality-departments")
    finance.shot("targets-quality")
    assert finance.errors == [] and finance.outside == []
