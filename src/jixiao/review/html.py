"""HTML rendering of a review (复核结果网页): the report text with findings highlighted in place.

One standalone page (inline CSS and JS, no CDN: government intranets have none). Each
report shows its original text with every evidence span marked by severity, and a side list
of findings grouped by severity; clicking a finding jumps to and flashes its evidence.
The web app reuses :func:`render_report_section` inside its own templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from jixiao.report import Finding, PerformanceReport
from jixiao.review.engine import SEVERITY_LABELS, SEVERITY_ORDER, rule_title


@dataclass(frozen=True)
class HtmlEntry:
    """What one report section of the page needs; ``text`` is the original text, if known."""

    source: str
    report: PerformanceReport | None
    findings: Sequence[Finding]
    text: str | None = None
    error: str | None = None


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.7 "Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header.page{padding:12px 20px;background:#8b1a1a;color:#fff}
header.page h1{margin:0;font-size:20px}
section.report{display:flex;gap:16px;padding:16px 20px;border-bottom:1px solid #d0d7de}
section.report>.text{flex:3;min-width:0;background:#fff;padding:16px 20px;border:1px solid #d0d7de;border-radius:6px;white-space:pre-wrap;word-break:break-all;max-height:85vh;overflow:auto}
section.report>aside{flex:2;min-width:280px;max-height:85vh;overflow:auto}
h2{font-size:17px;margin:0 0 6px}
.meta{color:#57606a;font-size:13px;margin-bottom:8px}
.counts span{display:inline-block;margin-right:8px;padding:0 8px;border-radius:10px;font-size:13px;color:#fff}
.finding{background:#fff;border:1px solid #d0d7de;border-left:5px solid #999;border-radius:6px;padding:8px 10px;margin:8px 0;cursor:pointer}
.finding:hover{background:#f0f6ff}
.finding .rule{font-size:12px;color:#57606a}
.finding .suggestion{color:#1a7f37;font-size:13px}
.finding .quote{font-size:13px;color:#57606a}
.finding .quote a{color:#0969da}
mark{padding:0 1px;border-radius:2px;background:#fff3b0}
mark.blocking{background:#ffc9c9}mark.serious{background:#ffd8a8}mark.general{background:#fff3b0}mark.hint{background:#d3f9d8}
mark.flash{outline:3px solid #0969da}
.blocking-c{background:#c92a2a}.serious-c{background:#e8590c}.general-c{background:#b08800}.hint-c{background:#2f9e44}
.finding.blocking{border-left-color:#c92a2a}.finding.serious{border-left-color:#e8590c}.finding.general{border-left-color:#d4a72c}.finding.hint{border-left-color:#2f9e44}
.error{color:#c92a2a;font-weight:bold}
.filters label{margin-right:10px;font-size:13px}
"""

_JS = """
document.addEventListener('click',function(ev){
  var item=ev.target.closest('[data-jump]');
  if(!item)return;
  ev.preventDefault();
  var target=document.getElementById(item.getAttribute('data-jump'));
  if(!target)return;
  target.scrollIntoView({behavior:'smooth',block:'center'});
  var marks=document.querySelectorAll('mark[data-f~="'+item.getAttribute('data-finding')+'"]');
  marks.forEach(function(m){m.classList.add('flash');});
  setTimeout(function(){marks.forEach(function(m){m.classList.remove('flash');});},1600);
});
document.addEventListener('change',function(ev){
  if(!ev.target.matches('.filters input'))return;
  var sev=ev.target.value,on=ev.target.checked;
  document.querySelectorAll('.finding.'+sev).forEach(function(el){el.style.display=on?'':'none';});
});
"""


STYLE = _CSS
"""The page's CSS, for a site that embeds :func:`render_report_section` in its own page."""
SCRIPT = _JS
"""The page's script (jump to evidence, severity filters), likewise."""


def _location(finding: Finding) -> str:
    parts = []
    for evidence in finding.evidence[:1]:
        if evidence.page:
            parts.append(f"第{evidence.page}页")
        if evidence.section:
            parts.append(evidence.section)
    return " · ".join(parts)


def highlight(text: str, findings: Sequence[Finding], prefix: str) -> str:
    """``text`` as HTML with each evidence span wrapped in ``<mark>``; overlapping spans split.

    The first mark of each evidence span carries the id ``{prefix}f{i}e{k}`` the side list
    jumps to; every mark lists the findings covering it in ``data-f``.
    """
    spans: list[tuple[int, int, int, int]] = []  # start, end, finding index, evidence index
    for i, finding in enumerate(findings):
        for k, evidence in enumerate(finding.evidence):
            start, end = max(0, evidence.start), min(len(text), evidence.end)
            if start < end:
                spans.append((start, end, i, k))
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    starts: dict[int, list[tuple[int, int, int, int]]] = {}
    for span in spans:
        starts.setdefault(span[0], []).append(span)
    out: list[str] = []
    active: list[tuple[int, int, int, int]] = []
    for left, right in pairwise(cuts):
        active = [s for s in active if s[1] > left] + starts.get(left, [])
        piece = escape(text[left:right])
        if not active:
            out.append(piece)
            continue
        covering = sorted({i for _, _, i, _ in active})
        severity = min((findings[i].severity for i in covering), key=lambda s: SEVERITY_ORDER[s])
        anchors = "".join(f'<a id="{prefix}f{i}e{k}"></a>' for _, _, i, k in starts.get(left, []))
        titles = escape("；".join(findings[i].message for i in covering), quote=True)
        data = " ".join(f"{prefix}{i}" for i in covering)
        out.append(f'{anchors}<mark class="{severity}" data-f="{data}" title="{titles}">{piece}</mark>')
    return "".join(out)


def _finding_item(finding: Finding, i: int, prefix: str, with_text: bool) -> str:
    jump = f"{prefix}f{i}e0" if with_text and finding.evidence else ""
    quotes = []
    for k, evidence in enumerate(finding.evidence):
        where = " · ".join(p for p in (f"第{evidence.page}页" if evidence.page else "", evidence.section or "") if p)
        quote = escape(" ".join(evidence.text.split()))
        link = f'<a href="#{prefix}f{i}e{k}" data-jump="{prefix}f{i}e{k}" data-finding="{prefix}{i}">' if with_text else ""
        quotes.append(f'<div class="quote">{link}「{quote}」{"</a>" if with_text else ""} {escape(where)}</div>')
    suggestion = f'<div class="suggestion">建议：{escape(finding.suggestion)}</div>' if finding.suggestion else ""
    attrs = f' data-jump="{jump}" data-finding="{prefix}{i}"' if jump else ""
    return (
        f'<div class="finding {finding.severity}"{attrs}>'
        f'<div class="rule" title="{escape(finding.rule, quote=True)}">'
        f'{SEVERITY_LABELS[finding.severity]} · {escape(rule_title(finding.rule))}</div>'
        f"<div>{escape(finding.message)}</div>{''.join(quotes)}{suggestion}</div>"
    )


def render_report_section(entry: HtmlEntry, prefix: str = "r0-") -> str:
    """One report: its text with highlights and the side list (an HTML fragment)."""
    title = escape(entry.source)
    if entry.error is not None:
        return f'<section class="report"><div><h2>{title}</h2><p class="error">无法复核：{escape(entry.error)}</p></div></section>'
    report = entry.report
    meta = " · ".join(
        escape(str(v)) for v in (report.department if report else None, report.year if report else None) if v
    )
    counts = "".join(
        f'<span class="{sev}-c">{SEVERITY_LABELS[sev]} {n}</span>'
        for sev in SEVERITY_ORDER
        if (n := sum(1 for f in entry.findings if f.severity == sev))
    )
    filters = "".join(
        f'<label><input type="checkbox" value="{sev}" checked> {SEVERITY_LABELS[sev]}</label>' for sev in SEVERITY_ORDER
    )
    with_text = entry.text is not None
    items = []
    for sev in SEVERITY_ORDER:
        group = [(i, f) for i, f in enumerate(entry.findings) if f.severity == sev]
        if group:
            items.append(f"<h3>{SEVERITY_LABELS[sev]}（{len(group)}）</h3>")
            items.extend(_finding_item(f, i, prefix, with_text) for i, f in group)
    if not entry.findings:
        items.append("<p>未发现问题。</p>")
    text = (
        f'<div class="text">{highlight(entry.text, entry.findings, prefix)}</div>'
        if entry.text is not None
        else '<div class="text">（JSON 输入，无原文；仅列出发现的问题）</div>'
    )
    return (
        f'<section class="report">{text}<aside><h2>{title}</h2><div class="meta">{meta}</div>'
        f'<div class="counts">{counts}</div><div class="filters">{filters}</div>{"".join(items)}</aside></section>'
    )


def render_html(entries: Sequence[HtmlEntry], *, title: str = "复核结果") -> str:
    """A standalone page with every report of the batch."""
    sections = "".join(render_report_section(entry, f"r{n}-") for n, entry in enumerate(entries))
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body>"
        f'<header class="page"><h1>{escape(title)}</h1></header>{sections}'
        f"<script>{_JS}</script></body></html>"
    )
