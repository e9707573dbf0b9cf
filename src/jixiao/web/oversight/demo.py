"""Demo 抽评 (演示抽评): a drawn 2022 sample naming both seed departments, and one 复核调整 on 荔湾's report.

The seed is not made up to fit: the demo takes the first seed from 2022 on whose draw (by the shipped rule)
names both seed departments' self-evaluations, so the walk and the browser test find both; the 考核 is
computed from what the demo stored, as for any year.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.oversight.sampling import draw_sample, load_sampling_rule
from jixiao.web.departments.models import FiscalYear
from jixiao.web.oversight.models import SampleDraw
from jixiao.web.oversight.selectors import candidates
from jixiao.web.oversight.services import add_adjustment, draw_year

DEMO_YEAR = 2022
SEED_DEPARTMENTS = ("中国共产党广州市荔湾区委员会宣传部", "中国共产党广州市增城区委员会宣传部")
DEMO_ADJUSTMENT = (Decimal("-3"), "预算执行率72.60%，低于90%，自评未说明未执行资金的具体项目和原因，"
                                  "“预算执行率”指标不应得满分，复核扣减 3 分。")


def demo_seed(year: int = DEMO_YEAR) -> int | None:
    """The first seed from ``year`` on whose draw names both seed departments (None: no such seed in 1000)."""
    rule = load_sampling_rule()
    rows = [r.candidate for r in candidates(year=year)]
    wanted = {f"{name}" for name in SEED_DEPARTMENTS}
    for seed in range(year, year + 1000):
        drawn = {i.candidate.department for i in draw_sample(rows, rule, seed).items
                 if i.candidate.kind == "department"}
        if wanted <= drawn:
            return seed
    return None


def load_demo_sampling() -> SampleDraw | None:
    """Draw the demo year's sample and record one adjustment on 荔湾's self-evaluation."""
    if not FiscalYear.objects.filter(year=DEMO_YEAR).exists():
        return None
    seed = demo_seed()
    if seed is None:
        return None
    draw = draw_year(year=DEMO_YEAR, rule=load_sampling_rule(), user=None, seed=seed, trusted=True)
    item = draw.items.filter(kind="department", department__name=SEED_DEPARTMENTS[0]).first()
    if item is not None and item.self_score is not None:
        add_adjustment(item=item, points=DEMO_ADJUSTMENT[0], reason=DEMO_ADJUSTMENT[1], user=None, trusted=True)
    return draw
