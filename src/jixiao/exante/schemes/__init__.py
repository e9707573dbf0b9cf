"""Shipped 事前绩效评估 schemes (事前绩效评估评分方案), TOML data files."""
