"""The facilitator's editing of the charter: order, numbers, titles, sections, preamble, status.

Every function here assumes the caller has checked that the user facilitates the workshop.
Changes to a clause are recorded as revisions, like any other change.
"""

from django.db import transaction
from django.db.models import F, Max

from deliberation.core.errors import ActionRefused

from .models import MAX_TEXT, Charter, Clause, Section
from .services import MAX_TITLE, announce, clean_text, revision_add


def clause_renumber(*, clause: Clause, to: int) -> None:
    """Move an article to position `to`, shifting the articles in between by one.

    Caller holds the clause's row lock; the charter's lock is taken here so two moves never
    interleave.
    """
    Charter.objects.select_for_update().get(pk=clause.charter_id)
    articles = clause.charter.clauses.exclude(number=None)
    last = articles.count()
    if clause.number is None or not 1 <= to <= last:
        raise ActionRefused(f"Choose a position between 1 and {last}.", status_code=400)
    start = clause.number
    if to == start:
        return
    # Park the moving article at 0, shift the others through a high band, then settle them:
    # the unique (charter, number) constraint holds after every statement on every database.
    Clause.objects.filter(pk=clause.pk).update(number=0)
    if to < start:
        between = articles.filter(number__gte=to, number__lt=start)
        step = 1
    else:
        between = articles.filter(number__gt=start, number__lte=to)
        step = -1
    ids = list(between.values_list("pk", flat=True))
    Clause.objects.filter(pk__in=ids).update(number=F("number") + 1000)
    Clause.objects.filter(pk__in=ids).update(number=F("number") - 1000 + step)
    Clause.objects.filter(pk=clause.pk).update(number=to)


@transaction.atomic
def clause_move(*, clause: Clause, to: int) -> Clause:
    clause = (
        Clause.objects.select_for_update(of=("self",)).select_related("charter").get(pk=clause.pk)
    )
    before = clause.number
    clause_renumber(clause=clause, to=to)
    clause.refresh_from_db()
    if before != clause.number:
        revision_add(
            clause=clause,
            kind="edited",
            outcome=f"Moved by the facilitator from Article {before} to Article {to}.",
        )
    announce(clause.charter.workshop_id, "charter-changed", "proposals-changed")
    return clause


@transaction.atomic
def clause_retitle(*, clause: Clause, title: str) -> Clause:
    clause = (
        Clause.objects.select_for_update(of=("self",)).select_related("charter").get(pk=clause.pk)
    )
    title = clean_text(title, what="title", limit=MAX_TITLE)
    if title == clause.title:
        return clause
    before = clause.title
    clause.title = title
    revision_add(
        clause=clause, kind="edited", outcome=f"Retitled by the facilitator (was “{before}”)."
    )
    announce(clause.charter.workshop_id, "charter-changed")
    return clause


SETTABLE = {Clause.Status.DRAFT, Clause.Status.AGREED}


@transaction.atomic
def clause_set_status(*, clause: Clause, status: str) -> Clause:
    """Mark a draft as agreed ad referendum (or back to draft). Adoption itself is a vote."""
    clause = (
        Clause.objects.select_for_update(of=("self",)).select_related("charter").get(pk=clause.pk)
    )
    if status not in SETTABLE:
        raise ActionRefused("A clause can be marked draft or agreed here.", status_code=400)
    if clause.number is not None or clause.is_closed:
        raise ActionRefused(f"{clause.label} is {clause.get_status_display().lower()} already.")
    if status == clause.status:
        return clause
    clause.status = status
    revision_add(
        clause=clause,
        kind="edited",
        outcome=f"Marked {clause.get_status_display().lower()} by the facilitator.",
    )
    announce(clause.charter.workshop_id, "charter-changed")
    return clause


@transaction.atomic
def charter_edit(*, charter: Charter, title: str, preamble: str) -> Charter:
    charter.title = clean_text(title, what="title", limit=MAX_TITLE)
    preamble = (preamble or "").strip()
    if len(preamble) > MAX_TEXT:
        raise ActionRefused(
            f"The preamble has {len(preamble)} characters; the limit is {MAX_TEXT}.",
            status_code=400,
        )
    charter.preamble = preamble
    charter.save(update_fields=["title", "preamble", "updated_at"])
    announce(charter.workshop_id, "charter-changed")
    return charter


@transaction.atomic
def section_create(*, charter: Charter, title: str) -> Section:
    title = clean_text(title, what="section title", limit=MAX_TITLE)
    Charter.objects.select_for_update().get(pk=charter.pk)
    position = (charter.sections.aggregate(Max("position"))["position__max"] or 0) + 1
    section = Section.objects.create(charter=charter, position=position, title=title)
    announce(charter.workshop_id, "charter-changed")
    return section


@transaction.atomic
def section_retitle(*, section: Section, title: str) -> Section:
    section.title = clean_text(title, what="section title", limit=MAX_TITLE)
    section.save(update_fields=["title"])
    announce(section.charter.workshop_id, "charter-changed")
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    """Remove the heading; its articles stay in the charter, under no section."""
    workshop_id = section.charter.workshop_id
    section.clauses.update(section=None)
    section.delete()
    announce(workshop_id, "charter-changed")


@transaction.atomic
def clause_set_section(*, clause: Clause, section: Section | None) -> Clause:
    if section is not None and section.charter_id != clause.charter_id:
        raise ActionRefused("That section belongs to another charter.", status_code=400)
    clause.section = section
    clause.save(update_fields=["section", "updated_at"])
    announce(clause.charter.workshop_id, "charter-changed")
    return clause
