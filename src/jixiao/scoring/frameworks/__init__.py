"""Shipped scoring frameworks (评分框架), TOML data files; a package only so that wheels carry them."""
