from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deliberation.feedback.backup import BackupRefused, workshop_restore_json


class Command(BaseCommand):
    help = "Restore a workshop from a file written by exportworkshop, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file (JSON).")

    def handle(self, *args, path: str, **options):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            workshop = workshop_restore_json(text)
        except BackupRefused as refused:
            raise CommandError(refused.message) from None
        self.stdout.write(f"Restored “{workshop.title}” ({workshop.display_code}).")
