"""Django settings of the jixiao web app (网页应用设置).

Everything that differs between a laptop demo and a finance bureau's server comes from the
environment:

- ``DATABASE_URL``: any URL dj-database-url understands (``postgres://user@host:5432/db``);
  without it, an SQLite file in ``JIXIAO_HOME`` — no setup at all.
- ``JIXIAO_HOME``: where the SQLite file, uploaded documents and the generated secret key live
  (default ``~/.local/share/jixiao``).
- ``JIXIAO_SECRET_KEY``, ``JIXIAO_DEBUG``, ``JIXIAO_ALLOWED_HOSTS`` (comma-separated),
  ``JIXIAO_UPLOAD_MAX_MB`` (largest report file accepted for upload).
- ``JIXIAO_LIMITS``: a TOML file over ``jixiao/readers/limits.toml`` (what reading one upload may
  cost: unpacked size, pages, time, the reading child's memory; docs/security.md「受限读取」).
- ``JIXIAO_HTTPS=1``: served behind TLS (生产配置): HTTP redirected to HTTPS, HSTS
  (``JIXIAO_HSTS_SECONDS``, one year), session and CSRF cookies only over HTTPS, and the scheme
  taken from the proxy's ``X-Forwarded-Proto``.
- Login and sessions: ``JIXIAO_LOCKOUT``, ``JIXIAO_LOCKOUT_FAILURES``, ``JIXIAO_LOCKOUT_MINUTES``,
  ``JIXIAO_PROXY_COUNT``, ``JIXIAO_PASSWORD_MIN_LENGTH``, ``JIXIAO_SESSION_HOURS``,
  ``JIXIAO_MAX_SESSIONS``, ``JIXIAO_2FA_ROLES`` (see below and docs/security.md).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from jixiao.web.bootstrap import default_home

WEB_DIR = Path(__file__).resolve().parent
HOME = default_home()


def _private_dir(path: Path) -> Path:
    """``path`` as a folder only its owner may open (0700), tightened if it exists."""
    path.mkdir(parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid():
        path.chmod(0o700)
    return path


def _private_file(path: Path) -> Path:
    """``path`` created (empty) or tightened so that only its owner reads it (0600); SQLite gives its
    -wal and -shm files the mode of the database file."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    if path.stat().st_uid == os.getuid():
        path.chmod(0o600)
    return path


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in JIXIAO_HOME."""
    if os.environ.get("JIXIAO_SECRET_KEY"):
        return os.environ["JIXIAO_SECRET_KEY"]
    key_file = HOME / "secret_key"
    if not key_file.exists():
        _private_dir(HOME)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("JIXIAO_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{HOME / 'jixiao.sqlite3'}",
        conn_max_age=60,
    )
}
if "sqlite" in DATABASES["default"]["ENGINE"]:
    if DATABASES["default"]["NAME"] and not str(DATABASES["default"]["NAME"]).startswith((":memory:", "file:")):
        _private_dir(Path(DATABASES["default"]["NAME"]).parent)
        _private_file(Path(DATABASES["default"]["NAME"]))
    # Many gunicorn threads and workers share the file: WAL lets readers run while one writer
    # commits (every request saves its session), IMMEDIATE takes the write lock at BEGIN so two
    # writers queue instead of failing on a lock upgrade, and the timeout is how long they queue.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "jixiao.web.accounts",
    "jixiao.web.departments",
    "jixiao.web.budgets",
    "jixiao.web.indicators",
    "jixiao.web.monitoring",
    "jixiao.web.evaluation",
    "jixiao.web.documents",
    "jixiao.web.reviews",
    "jixiao.web.dashboard",
    "jixiao.web.declarations",
    "jixiao.web.projects",
    "jixiao.web.exante",
    "jixiao.web.projperf",  # after exante: its section follows the 事前评估 on the project page
    "jixiao.web.results",
    "jixiao.web.targets",  # after declarations and projperf: it fills their indicator-check extension point
    "jixiao.web.oversight",  # after results and reviews: it fills their extension points
    "jixiao.web.audit",
    "jixiao.web.batches",
    "jixiao.web.disclosure",  # 信息公开 (issue 19)
]
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jixiao.web.common.middleware.SessionTouchMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jixiao.web.accounts.security.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "jixiao.web.audit.middleware.AuditExportMiddleware",
]

ROOT_URLCONF = "jixiao.web.urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["jixiao.web.common.templatetags.figures",
                         "jixiao.web.common.templatetags.listing"],  # {% sort_link %} on every list
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Passwords (口令复杂度, 等保2.0 三级 身份鉴别 a): at least JIXIAO_PASSWORD_MIN_LENGTH characters (12), not a
# common password, not like the user name, not all digits. Checked on every path that sets one: the
# change-password page, the admin, ``jixiao db create-user``.
PASSWORD_MIN_LENGTH = int(os.environ.get("JIXIAO_PASSWORD_MIN_LENGTH", "12"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): by the *combination* of user name and address by default
# (JIXIAO_LOCKOUT=username+ip), so failures on made-up names do not lock everyone behind one proxy
# and nobody can lock a named account from elsewhere; ``username`` or ``ip`` alone are the other
# choices. Every failure is kept (axes' AccessFailureLog: name, address, browser, time) beside
# the counting rows, and shown in the admin.
_LOCKOUT = {"username+ip": [["username", "ip_address"]], "username": ["username"], "ip": ["ip_address"]}
AXES_LOCKOUT_PARAMETERS = _LOCKOUT.get(os.environ.get("JIXIAO_LOCKOUT", "username+ip"), _LOCKOUT["username+ip"])
AXES_FAILURE_LIMIT = int(os.environ.get("JIXIAO_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("JIXIAO_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 1000
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Behind a reverse proxy set JIXIAO_PROXY_COUNT=1 so the client's address comes from X-Forwarded-For.
if os.environ.get("JIXIAO_PROXY_COUNT"):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["JIXIAO_PROXY_COUNT"])
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Sessions: 30 minutes idle (sliding), and JIXIAO_SESSION_HOURS (12) after login at the most,
# however busy; JIXIAO_MAX_SESSIONS (0 = no limit) signed-in sessions per user, the oldest ended.
SESSION_ABSOLUTE_SECONDS = int(float(os.environ.get("JIXIAO_SESSION_HOURS", "12")) * 3600)
MAX_SESSIONS_PER_USER = int(os.environ.get("JIXIAO_MAX_SESSIONS", "0"))
# Roles that log in with a TOTP code after the password (JIXIAO_2FA_ROLES="finance,admin"; off by default
# so the demo works without a phone). 等保2.0 三级 asks for two factors for administrators.
TWO_FACTOR_ROLES = [r.strip() for r in os.environ.get("JIXIAO_2FA_ROLES", "").split(",") if r.strip()]
OTP_TOTP_ISSUER = "jixiao 预算绩效管理"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False  # the idle timeout slides through SessionTouchMiddleware instead
SESSION_TOUCH_SECONDS = 60  # … which saves a signed-in session at most once a minute
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "jixiao.web.common.errors.csrf_failure"  # the 表单已失效 page in the site's layout
X_FRAME_OPTIONS = "DENY"

# Production behind TLS (JIXIAO_HTTPS=1): `manage.py check --deploy` is clean with it.
HTTPS = os.environ.get("JIXIAO_HTTPS") == "1"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # the proxy must set it and drop the client's
    SECURE_HSTS_SECONDS = int(os.environ.get("JIXIAO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("JIXIAO_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("JIXIAO_HSTS_PRELOAD", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy (Django's own middleware): scripts only from this site's files — no inline
# script, no event-handler attributes, no eval; nothing loaded from elsewhere; no framing. Styles
# may be inline (ECharts writes style attributes into its tooltips); images also as data: URLs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even when serving from finders
STATICFILES_DIRS = [WEB_DIR / "static"]
# WhiteNoise serves straight from the app folders, so a fresh clone needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = HOME / "media"
# Uploaded report files and their folders: the owner only (0600 / 0700), whatever the umask.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Largest report file a user may upload for 复核 (JIXIAO_UPLOAD_MAX_MB, default 20 MB as the readers' own limit).
JIXIAO_UPLOAD_MAX_BYTES = int(os.environ.get("JIXIAO_UPLOAD_MAX_MB", "20")) * 1024 * 1024

# Batches (批量处理, docs/batches.md): a Celery broker (redis://127.0.0.1:6379/0 or
# amqp://guest:guest@127.0.0.1:5672//); unset, a batch runs in-process. The shared folder every
# worker reads the submitted files from; how long a task taken by a worker that died stays
# invisible before another takes it (Redis; RabbitMQ redelivers when the connection drops).
JIXIAO_BROKER_URL = os.environ.get("JIXIAO_BROKER_URL", "")
JIXIAO_SHARED_DIR = Path(os.environ.get("JIXIAO_SHARED_DIR") or MEDIA_ROOT / "batches")
JIXIAO_VISIBILITY_TIMEOUT = int(os.environ.get("JIXIAO_VISIBILITY_TIMEOUT", "3600"))
JIXIAO_BATCH_QUEUE = os.environ.get("JIXIAO_BATCH_QUEUE", "jixiao")

# The audit log (审计): kept at least six months (《网络安全法》第二十一条); ``jixiao db prune-audit``
# deletes what is older than JIXIAO_AUDIT_RETENTION_DAYS and refuses anything below the minimum.
JIXIAO_AUDIT_RETENTION_MIN_DAYS = 180
JIXIAO_AUDIT_RETENTION_DAYS = max(int(os.environ.get("JIXIAO_AUDIT_RETENTION_DAYS", "365")), JIXIAO_AUDIT_RETENTION_MIN_DAYS)
# Reverse proxies of ours in front of the app: the source IP is read that many hops back in X-Forwarded-For.
JIXIAO_TRUSTED_PROXIES = int(os.environ.get("JIXIAO_TRUSTED_PROXIES", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "WARNING"}},
}
