from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "jixiao.web.budgets"
    label = "budgets"
    verbose_name = "预算与执行"
