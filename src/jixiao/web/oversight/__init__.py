"""抽评 (random spot-check of self-evaluations) and 绩效管理工作考核 (yearly assessment of departments' performance management)."""
