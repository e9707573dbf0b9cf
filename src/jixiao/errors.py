"""The root of jixiao's own exceptions (错误).

Every domain raises a small named subclass (``ReadError`` in readers, ``FrameworkError`` in
scoring …) whose message names the file or item and the reason in one line, so that the CLI
can print it and go on with the next file without a traceback.
"""

from __future__ import annotations


class JixiaoError(Exception):
    """An expected failure with a one-line message meant for the user."""
