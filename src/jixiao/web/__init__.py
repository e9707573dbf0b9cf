"""The Django application (网页应用): storage, accounts and roles, workflows, web UI and JSON API.

It calls the core (``jixiao.report``, ``jixiao.extract``, ``jixiao.scoring`` …); the core never
imports it.
"""
