from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "jixiao.web.reviews"
    label = "reviews"
    verbose_name = "复核"
