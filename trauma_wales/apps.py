from django.apps import AppConfig


class TraumaWalesConfig(AppConfig):
    name = "trauma_wales"
    verbose_name = "Platform"
