from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "deliberation.core"
    label = "core"
