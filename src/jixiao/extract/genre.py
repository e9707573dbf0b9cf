"""Is this text a performance report at all (是否为绩效报告)? The reason when it is not.

A text whose title calls it a 绩效自评报告, 绩效评价报告, 自评表, 绩效自评材料 — or names it a 绩效自评
(``…2022年度绩效自评结果公示``) without being a notice or a meeting about that work — is never
refused, whatever else it lacks (an opening cut before the first figure is still that report).
A text is refused, with the reason, when

* its title names another genre and no performance title is in it: a budget or final-accounts
  disclosure (``2023年部门预算公开说明``, ``收入支出决算总表``), a notice or news item
  (``…的通知``, ``我区召开…会议``);
* it shows none of a report's marks: no title, no department, no year and no budget figure.
"""

from __future__ import annotations

import re

from jixiao.extract.header import Identity
from jixiao.extract.titles import TITLE_END

_OTHER_GENRES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:预算|决算)(?:公开|说明|情况说明|编制说明|草案)|(?:预算|决算)(?:总)?表|(?:收入|支出|收支)(?:预算|决算)"),
     "预算或决算公开材料"),
    (re.compile(r"通知|通告|公告|公示|批复|复函|意见|办法|细则|方案|规划"), "通知或文件"),
    (re.compile(r"召开|会议|讲话|调研|考察|活动|开展了|举办|座谈|新闻|动态|简讯|快讯"), "新闻或工作动态"),
)
# "XX局2022年度绩效自评结果公示", "…部门整体支出绩效评价情况": the title names the text a self-evaluation
_SELF_NAMED = re.compile(r"绩效(?:自评|评价)|自评(?:报告|表|结果|情况)")
# … unless it is a notice or a meeting about that work ("关于开展…绩效自评工作的通知")
_OTHER_NOUN_END = re.compile(r"(?:通知|意见|批复|复函|函|通报|办法|细则|方案|规划|计划|要点|会议|讲话|培训|会)$")
_PROSE = re.compile(r"[，。；,;！？]")
_TITLE_LENGTH = 50
NOT_A_REPORT = "不是绩效自评报告"


def refusal_reason(identity: Identity, *, has_identity: bool, has_budget: bool) -> str | None:
    """Why the text is not a performance report, or None when it is (or may be) one."""
    first = identity.front.first_line
    if identity.calls_itself_a_report or (
        first and _SELF_NAMED.search(first) and not _OTHER_NOUN_END.search(first)
    ):
        return None
    titles = list(identity.front.other_titles)
    if first and len(first) <= _TITLE_LENGTH and not _PROSE.search(first) and not TITLE_END.search(first):
        titles.append(first)
    for title in titles:
        for pattern, genre in _OTHER_GENRES:
            if pattern.search(title):
                return f"标题“{title[:_TITLE_LENGTH]}”是{genre}，{NOT_A_REPORT}"
    if not has_identity and not has_budget:
        return f"未找到报告标题、年度或预算数据，{NOT_A_REPORT}"
    return None
