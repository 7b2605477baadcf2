from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "deliberation.workshops"
    label = "workshops"
