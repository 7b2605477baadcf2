from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "deliberation.feedback"
    label = "feedback"
