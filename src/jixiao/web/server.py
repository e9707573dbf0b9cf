"""Run the web app on a production WSGI server (gunicorn), not Django's runserver.

gunicorn's master forks worker processes (two cores → several workers) and stops cleanly on
Ctrl-C (SIGINT) or SIGTERM. Static files are served by WhiteNoise from inside the app.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from jixiao.web.wsgi import application

        return application


def default_workers() -> int:
    return max(2, multiprocessing.cpu_count() + 1)


def run(*, host: str, port: int, workers: int | None = None, threads: int = 4, access_log: bool = False) -> bool:
    """Serve until interrupted; Django must already be set up and migrated.

    Returns True in the master process once it has stopped. The forked workers unwind
    through the caller's stack too when they exit, so a caller prints "stopped" only when
    this returns True in its own process.
    """
    from django.db import connections

    from jixiao.web.bootstrap import refresh_statistics

    master = os.getpid()
    refresh_statistics()  # the planner's statistics, fresh at each start (a fraction of a second)
    connections.close_all()  # never share a connection opened here with forked workers
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers or default_workers(),
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 120,
        "graceful_timeout": 5,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "jixiao",
    }
    if access_log:
        options["accesslog"] = "-"
    try:
        _Gunicorn(options).run()
    except SystemExit as stop:
        if os.getpid() != master:
            raise
        if stop.code not in (0, None):
            raise
    return os.getpid() == master
