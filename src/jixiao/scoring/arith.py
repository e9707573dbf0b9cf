"""Former home of the exact rounding; it lives in :mod:`jixiao.figures.rounding` now.

Kept as a name only for the web app's callers (``web/dashboard/selectors.py``) until they are
switched to ``jixiao.figures``; nothing in the core imports it. Remove it with that switch.
"""

from __future__ import annotations

from jixiao.figures.rounding import half_up_div, ratio, round_places

__all__ = ["half_up_div", "ratio", "round_places"]
