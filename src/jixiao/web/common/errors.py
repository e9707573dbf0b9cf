"""Error pages (错误页面): 400, 403, 404, 500 and a refused form (CSRF) in Chinese, in the site's layout.

``web/urls.py`` names these as Django's ``handler400`` … ``handler500`` and ``settings.CSRF_FAILURE_VIEW``
names :func:`csrf_failure`. The 500 page renders without the request: no context processors run, so it
needs neither the session, the database nor the user; should even that fail it answers a fixed page.
"""

from django.http import HttpRequest, HttpResponse
from django.template import loader

PAGES = {
    400: ("请求有误", "请求的内容不完整或格式不对，页面无法处理。请返回上一页重新操作。"),
    403: ("无权访问", "您的账户没有访问或修改此内容的权限。如需权限，请联系管理员。"),
    404: ("页面不存在", "您要找的页面不存在，或者您无权查看。请检查地址，或从首页重新进入。"),
    500: ("系统出错", "系统处理请求时出错，错误已记录。请稍后再试；如一直出现，请联系管理员。"),
    "csrf": ("表单已失效", "表单已过期或页面停留过久，本次提交未被接受。请刷新页面后重新填写提交。"),
}
"""Each error's title and the one line telling the user what happened and what to do."""

FALLBACK_500 = (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>系统出错 · jixiao</title></head>'
    '<body><h1>系统出错</h1><p>系统处理请求时出错，错误已记录。请稍后再试；如一直出现，请联系管理员。</p>'
    '<p><a href="/">返回首页</a></p></body></html>'
)


def _detail(exception: object) -> str:
    """The Chinese reason a view gave (``PermissionDenied("财政局用户不能修改部门数据")``), else ''."""
    message = str(exception or "").strip()
    if not message or not any("\u4e00" <= ch <= "\u9fff" for ch in message):
        return ""  # Django's own English messages ("No Department matches…") are not shown
    return message


def _page(request: HttpRequest, status: int | str, exception: object = None) -> HttpResponse:
    title, line = PAGES[status]
    code = 403 if status == "csrf" else int(status)
    context = {"title": title, "line": line, "detail": _detail(exception), "status": code}
    return HttpResponse(loader.render_to_string("errors/error.html", context, request=request), status=code)


def bad_request(request: HttpRequest, exception: object = None) -> HttpResponse:
    """400 请求有误."""
    return _page(request, 400, exception)


def permission_denied(request: HttpRequest, exception: object = None) -> HttpResponse:
    """403 无权访问, with the reason the permission check gave."""
    return _page(request, 403, exception)


def page_not_found(request: HttpRequest, exception: object = None) -> HttpResponse:
    """404 页面不存在, with the reason the view gave when it is Chinese."""
    return _page(request, 404, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 表单已失效: a form posted without a valid CSRF token (``settings.CSRF_FAILURE_VIEW``)."""
    return _page(request, "csrf")


def server_error(request: HttpRequest) -> HttpResponse:
    """500 系统出错: rendered without the request (no session, user or database), else a fixed page."""
    title, line = PAGES[500]
    body: str
    try:
        body = loader.render_to_string("errors/500.html", {"title": title, "line": line})
    except Exception:
        body = FALLBACK_500
    return HttpResponse(body, status=500)
