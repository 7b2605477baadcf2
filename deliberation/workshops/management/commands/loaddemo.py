"""Load the demo: the two seed essays, their principles, the role-play template, a facilitator.

Running it again changes nothing that is already there (idempotent).
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from deliberation.sources.services import document_upsert, principle_save
from deliberation.workshops.models import Delegation, Workshop

SEEDS = Path(__file__).resolve().parents[3] / "sources" / "seeds"
TEMPLATE_TITLE = "Regional security charter: NATO / Russia / China"
FACILITATOR_USERNAME = "facilitator"
FACILITATOR_PASSWORD = "charter-room-demo"

DOCUMENT_COLOURS = {"inclusive-nato": "#1e40af", "eurasian-security": "#9a3412"}
DELEGATIONS = {
    "NATO": (
        "#1d4ed8",
        "You speak for NATO's members. Your side's reformers want to turn an exclusive "
        "collective-defence alliance into an inclusive regional collective-security "
        "arrangement. Defend the principles below, and win the room for them.",
    ),
    "Russia": (
        "#b91c1c",
        "You speak for the Russian Federation. You want equal and indivisible security in "
        "Eurasia, an end to bloc dominance, and a pan-European arrangement in which Russia "
        "has a full seat. Defend the principles below.",
    ),
    "China": (
        "#a16207",
        "You speak for the People's Republic of China. You favour dialogue among many actors, "
        "shared responsibility and no hegemony by any one power, starting light and building "
        "institutions from experience. Defend the principles below.",
    ),
}


class Command(BaseCommand):
    help = "Load the demo documents, principles, role-play template and facilitator account."

    @transaction.atomic
    def handle(self, *args, **options):
        data = json.loads((SEEDS / "principles.json").read_text(encoding="utf-8"))
        documents, by_delegation = [], {name: [] for name in DELEGATIONS}
        for entry in data["documents"]:
            document = document_upsert(
                slug=Path(entry["file"]).stem,
                title=entry["title"],
                author=entry.get("author", ""),
                text=(SEEDS / entry["file"]).read_text(encoding="utf-8"),
                colour=DOCUMENT_COLOURS.get(Path(entry["file"]).stem, "#5b21b6"),
            )
            documents.append(document)
            for item in entry["principles"]:
                principle = principle_save(
                    document=document,
                    slug=item["slug"],
                    title=item["title"],
                    summary=item["summary"],
                    quote=item["quote"],
                )
                for name in item.get("delegations", []):
                    by_delegation[name].append(principle)

        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=FACILITATOR_USERNAME,
            defaults={"first_name": "Demo", "last_name": "Facilitator", "is_staff": True},
        )
        if created:
            user.set_password(FACILITATOR_PASSWORD)
            user.save()

        template, _ = Workshop.objects.get_or_create(
            title=TEMPLATE_TITLE, is_template=True, defaults={"created_by": user}
        )
        template.documents.set(documents)
        for position, (name, (colour, brief)) in enumerate(DELEGATIONS.items()):
            delegation, _ = Delegation.objects.update_or_create(
                workshop=template,
                name=name,
                defaults={"colour": colour, "brief": brief, "position": position},
            )
            delegation.principles.set(by_delegation[name])

        principles = sum(len(entry["principles"]) for entry in data["documents"])
        self.stdout.write(
            f"Demo ready: {len(documents)} documents, {principles} principles, "
            f"template “{TEMPLATE_TITLE}”, facilitator “{FACILITATOR_USERNAME}”."
        )
