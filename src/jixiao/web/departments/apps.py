from django.apps import AppConfig


class DepartmentsConfig(AppConfig):
    name = "jixiao.web.departments"
    label = "departments"
    verbose_name = "地区与部门"
