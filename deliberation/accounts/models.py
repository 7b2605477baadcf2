from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A facilitator (or researcher) account. Participants join workshops without accounts."""
