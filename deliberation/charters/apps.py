from django.apps import AppConfig


class ChartersConfig(AppConfig):
    name = "deliberation.charters"
    label = "charters"
