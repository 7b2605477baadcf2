"""Print the principles each text aligns with, one JSON object per line.

    echo "No member may seek an advantage that leaves its neighbours less safe." | \
        python manage.py align
    python manage.py align "First clause" "Second clause"
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from deliberation.sources.models import SourceDocument
from deliberation.sources.services import align_texts, principles_for


class Command(BaseCommand):
    help = "Align texts (arguments, or one per line on standard input) with the principles."

    def add_arguments(self, parser):
        parser.add_argument("texts", nargs="*", help="Texts to align; default: stdin lines.")
        parser.add_argument("--limit", type=int, default=5, help="At most this many principles.")

    def handle(self, *args, **options):
        texts = options["texts"] or [line.strip() for line in sys.stdin if line.strip()]
        try:
            principles = principles_for(SourceDocument.objects.all())
        except DatabaseError as error:
            raise CommandError(
                f"The database is not ready ({error}). Run `python manage.py migrate` and "
                "`python manage.py loaddemo` first."
            ) from None
        if not principles:
            self.stderr.write(
                "No principles yet, so nothing aligns: run `python manage.py loaddemo`, or add "
                "a source document and accept its principles."
            )
        for text, alignments in zip(texts, align_texts(texts, principles), strict=True):
            record = {
                "text": text,
                "principles": [
                    {
                        "document": a.principle.document.title,
                        "principle": a.principle.title,
                        "quote": a.evidence,
                        "stance": a.stance,
                        "score": round(a.score, 4),
                        "reason": a.reason,
                    }
                    for a in alignments[: options["limit"]]
                ],
            }
            self.stdout.write(json.dumps(record, ensure_ascii=False))
