from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Event(models.Model):
    """Something every open page of a workshop should know about, kept so that a client that
    reconnects can ask for what it missed (Last-Event-ID). Written only after the change commits.
    """

    workshop = models.ForeignKey("workshops.Workshop", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    # Fragments rendered once for everyone: {element id: html}. Never per-person content.
    fragments = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["workshop", "id"], name="event_workshop_id")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
