"""The target-check profile (目标值检查配置): the limits of :mod:`jixiao.indicators.checks`, from TOML.

Each section names its source. The over-achievement line (超额完成线, 130%) is not in the
profile: it is the scoring framework's ``[over_achievement] line``, which the report, the score,
the review and the target advisor share (:func:`jixiao.figures.achievement.over_line`).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from jixiao.errors import JixiaoError

PROFILES = Path(__file__).with_name("profiles")


class ProfileError(JixiaoError):
    """A profile file that cannot be read, said in one Chinese line."""


class TargetProfile(BaseModel):
    """The limits, one attribute per key of the TOML file."""

    model_config = ConfigDict(frozen=True)

    name: str
    repeat_years: int = 2
    shown_years: int = 3
    min_peers: int = 5
    cost_over_q3: Decimal = Decimal(1)
    budget_rise_percent: Decimal = Decimal(10)
    satisfaction_words: tuple[str, ...] = ("满意度",)
    survey_words: tuple[str, ...] = ("问卷", "调查")
    sources: dict[str, str] = {}


def _section(data: dict[str, object], key: str, path: Path) -> dict[str, object]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProfileError(f"{path.name}：[{key}] 应为一个表")
    return value


def load_target_profile(name_or_path: str | Path = "default") -> TargetProfile:
    """The profile called ``name`` (shipped) or at ``path``."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PROFILES / f"{name_or_path}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"找不到目标值检查配置 {path.name}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path.name}：格式错误（{exc}）") from None
    history, peers = _section(data, "history", path), _section(data, "peers", path)
    money, quantify = _section(data, "money", path), _section(data, "quantifiability", path)
    try:
        return TargetProfile(
            name=str(data.get("name", path.stem)),
            repeat_years=int(history.get("repeat_years", 2)),  # type: ignore[call-overload]  # TOML ints; a wrong type raises below
            shown_years=int(history.get("shown_years", 3)),  # type: ignore[call-overload]  # as above
            min_peers=int(peers.get("min_count", 5)),  # type: ignore[call-overload]  # as above
            cost_over_q3=Decimal(str(money.get("cost_over_q3", 1))),
            budget_rise_percent=Decimal(str(money.get("budget_rise_percent", 10))),
            satisfaction_words=tuple(quantify.get("satisfaction_words", ["满意度"])),  # type: ignore[arg-type]  # a TOML list
            survey_words=tuple(quantify.get("survey_words", ["问卷", "调查"])),  # type: ignore[arg-type]  # a TOML list
            sources={k: str(s["source"]) for k, s in data.items() if isinstance(s, dict) and "source" in s},
        )
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise ProfileError(f"{path.name}：取值无效（{exc}）") from None


@cache
def default_target_profile() -> TargetProfile:
    return load_target_profile("default")
