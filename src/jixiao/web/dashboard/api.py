"""Chart data of the finance bureau's dashboard (财政局看板), for 财政局用户 and 管理员.

This app's part of ``/api/``: its router (the board leaves as a plain dict, no schema of its own).
"""

# No `from __future__ import annotations` here: ninja reads the handlers' annotations at import
# time through the permission decorators, whose module cannot resolve these names as strings.

from typing import Any

from ninja import Query, Router

from jixiao.web.accounts.permissions import AuthenticatedHttpRequest
from jixiao.web.common.api import YEAR_RANGE
from jixiao.web.dashboard.selectors import dashboard_data
from jixiao.web.departments.permissions import sees_dashboard

# -- router ---------------------------------------------------------------------------------------

router = Router(tags=["看板"])


@router.get("/dashboard", response=dict[str, Any])
@sees_dashboard
def get_dashboard(request: AuthenticatedHttpRequest, year: int | None = Query(None, **YEAR_RANGE)) -> dict[str, Any]:
    """Chart data of the finance bureau's board (财政局看板): execution by department, grades, monthly execution
    against 序时进度, year over year.

    Who: 财政局用户, 管理员.
    """
    return dashboard_data(user=request.user, year=year).as_dict()
