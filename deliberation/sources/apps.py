from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "deliberation.sources"
    label = "sources"
