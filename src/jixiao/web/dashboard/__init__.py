"""The home page and, later, the finance bureau's dashboard (首页与看板)."""
