from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "deliberation.accounts"
    label = "accounts"
