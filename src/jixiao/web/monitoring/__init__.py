"""双监控 in the web app: the monitoring page and the departments' responses to warnings (预警响应)."""
