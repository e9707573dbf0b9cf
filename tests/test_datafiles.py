"""Every TOML data loader reads through ``jixiao.datafiles``: the same one-line errors for the same faults."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jixiao.declaration import load_declaration_rules, load_review_scheme
from jixiao.errors import JixiaoError
from jixiao.monitor import load_thresholds
from jixiao.results import load_treatment_rules
from jixiao.review import load_profile
from jixiao.scoring import load_framework

LOADERS: dict[str, tuple[Callable[[Any], object], str]] = {
    "framework": (load_framework, "评分框架"),
    "profile": (load_profile, "复核配置"),
    "thresholds": (load_thresholds, "阈值"),
    "treatment": (load_treatment_rules, "结果应用规则"),
    "scheme": (load_review_scheme, "审核方案"),
    "declaration": (load_declaration_rules, "申报规则"),
}


@pytest.mark.parametrize("name", LOADERS)
def test_a_missing_file_is_one_line_naming_it(name: str, tmp_path: Path) -> None:
    load, what = LOADERS[name]
    missing = tmp_path / "gone.toml"
    with pytest.raises(JixiaoError) as caught:
        load(missing)
    assert str(caught.value).startswith(f"{missing}：没有这个{what}文件（文件不存在；内置：")


@pytest.mark.parametrize("name", LOADERS)
def test_invalid_toml_is_one_line_naming_the_file(name: str, tmp_path: Path) -> None:
    load, what = LOADERS[name]
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[[\n', encoding="utf-8")
    with pytest.raises(JixiaoError) as caught:
        load(bad)
    message = str(caught.value)
    assert message.startswith(f"{bad}：无法读取{what}，不是有效的 TOML（") and "\n" not in message


@pytest.mark.parametrize("name", LOADERS)
def test_an_unknown_name_lists_the_shipped_ones(name: str) -> None:
    load, what = LOADERS[name]
    with pytest.raises(JixiaoError, match=f"^no-such-file：没有这个{what}文件（文件不存在；内置：.+）$"):
        load("no-such-file")
