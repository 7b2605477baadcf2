from django.core.management.base import BaseCommand, CommandError

from deliberation.feedback.backup import workshop_backup_json
from deliberation.workshops.models import Workshop, normalise_join_code


class Command(BaseCommand):
    help = "Write a whole-workshop backup as JSON to standard output (see feedback/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The workshop's join code, e.g. ABC-234.")

    def handle(self, *args, code: str, **options):
        workshop = Workshop.objects.filter(code=normalise_join_code(code)).first()
        if workshop is None:
            raise CommandError(f"No workshop has the code {code!r}.")
        self.stdout.write(workshop_backup_json(workshop), ending="")
