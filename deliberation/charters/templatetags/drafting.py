from django import template
from django.utils.safestring import mark_safe

from deliberation.charters.diff import diff_html

register = template.Library()


@register.filter
def diff(old: str, new: str):
    """`{{ old|diff:new }}`: the changed words only, marked with <del>/<ins> (escaped)."""
    return mark_safe(diff_html(old or "", new or "", context=6))


@register.filter
def full_diff(old: str, new: str):
    return mark_safe(diff_html(old or "", new or ""))


@register.filter
def allows(workshop, action: str) -> bool:
    """`{% if workshop|allows:"amend" %}`: the phase table, read in a template."""
    return workshop.allows(action)


@register.filter
def state_in(proposal, phase: str) -> tuple[str, str]:
    """`{% with state=proposal|state_in:workshop.phase %}`: (status key, label), see the model."""
    return proposal.state_in(phase)


@register.filter
def speaks_for(participant, other) -> bool:
    """`{% if participant|speaks_for:objection.participant %}`: oneself, or as the head."""
    return participant is not None and participant.speaks_for(other)


@register.simple_tag
def principle_choices(workshop):
    """The workshop's principles for an objection's select, fetched once per render."""
    cached = getattr(workshop, "_principle_choices", None)
    if cached is None:
        from deliberation.sources.models import Principle

        cached = list(
            Principle.objects.filter(
                document__in=workshop.documents.all(), status=Principle.Status.ACCEPTED
            ).order_by("title")
        )
        workshop._principle_choices = cached
    return cached


@register.simple_tag
def is_sponsor(participant, clause) -> bool:
    if participant is None or clause is None:
        return False
    return participant.pk == clause.author_id or bool(
        participant.delegation_id and participant.delegation_id == clause.delegation_id
    )


@register.filter
def status_label(status: str) -> str:
    from deliberation.charters.models import Clause

    return dict(Clause.Status.choices).get(status, status)


@register.simple_tag
def status_board_rows(workshop):
    """The status board's rows, for pages whose view does not compute them (three queries)."""
    from deliberation.charters.selectors import status_board

    return status_board(workshop)


@register.simple_tag
def room_fingerprint(workshop) -> str:
    from deliberation.charters.selectors import room_fingerprint as fingerprint

    return fingerprint(workshop)


@register.simple_tag
def adopted_articles(workshop):
    from deliberation.charters.selectors import charter_clauses

    return list(charter_clauses(workshop))
