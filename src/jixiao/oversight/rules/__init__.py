"""Shipped oversight rule files: 抽评规则 (``sampling-*.toml``) and 考核框架 (``assessment-*.toml``)."""
