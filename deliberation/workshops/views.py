from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_htmx.http import trigger_client_event

from deliberation.charters import rules
from deliberation.charters.forms import ProposalForm
from deliberation.charters.models import Clause, Proposal
from deliberation.charters.selectors import charter_clauses, open_first, proposal_cards
from deliberation.charters.services import delegation_names, rule_for
from deliberation.core.errors import ActionRefused
from deliberation.core.live import live_url
from deliberation.core.qr import qr_svg

from . import access, joining, services
from .forms import (
    DelegationForm,
    JoinCodeForm,
    MoveForm,
    PhaseForm,
    RenameForm,
    RuleForm,
    SeatForm,
    TimerForm,
    WorkshopCreateForm,
)
from .models import Participant, Phase, Workshop
from .projector import latest_result, projector_tallies
from .services import participant_join, workshop_create_from_template, workshop_set_phase


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"form": JoinCodeForm()})


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Step one of joining: the code from the projector."""
    throttled = joining.join_throttled_by(request)
    if throttled:
        return render(
            request,
            "workshops/join.html",
            {"form": JoinCodeForm(request.POST or None), "throttled": throttled},
            status=429,
        )
    form = JoinCodeForm(request.POST or request.GET or None)
    if request.method == "POST" or "code" in request.GET:
        if form.is_valid():
            workshop = Workshop.objects.filter(
                code=form.cleaned_data["code"], is_template=False, is_archived=False
            ).first()
            if workshop is not None:
                return redirect("workshops:seat", code=workshop.code)
            form.add_error("code", "No open workshop has this code. Check the screen and retry.")
        joining.join_failed(request)
        return render(request, "workshops/join.html", {"form": form}, status=404)
    return render(request, "workshops/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def seat(request: HttpRequest, code: str) -> HttpResponse:
    """Step two: a name and a delegation. Someone who already joined goes to the room."""
    workshop = access.get_open_workshop(code)
    if access.current_participant(request, workshop) is not None:
        return redirect("workshops:room", code=workshop.code)
    form = SeatForm(request.POST or None, workshop=workshop)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                participant = participant_join(
                    workshop=workshop,
                    display_name=form.cleaned_data["display_name"],
                    delegation=form.cleaned_data["delegation"],
                )
            except ActionRefused as refused:
                form.add_error("display_name", refused.message)
                status = refused.status_code
            else:
                access.remember_participant(request, participant)
                return redirect("workshops:room", code=workshop.code)
        else:
            status = 400
    delegations = workshop.delegations.prefetch_related("principles")
    return render(
        request,
        "workshops/seat.html",
        {"workshop": workshop, "form": form, "delegations": delegations},
        status=status,
    )


def _room_context(request: HttpRequest, workshop: Workshop, participant) -> dict:
    return {
        # First: the stream replays whatever commits after this point (querysets are lazy).
        "live_url": live_url(workshop),
        "workshop": workshop,
        "participant": participant,
        "proposals": open_first(proposal_cards(workshop, participant)),
        "clauses": charter_clauses(workshop),
        "rule_text": rules.describe(rule_for(workshop), delegation_names(workshop)),
        "is_facilitator": workshop.is_facilitated_by(request.user),
        "can_propose": workshop.allows("propose"),
    }


@require_http_methods(["GET"])
def room(request: HttpRequest, code: str) -> HttpResponse:
    """The participant's page: the charter so far, open proposals to vote on, a draft form."""
    workshop = access.get_open_workshop(code)
    participant = access.current_participant(request, workshop)
    if participant is None:
        return redirect("workshops:seat", code=workshop.code)

    context = _room_context(request, workshop, participant) | {"form": ProposalForm()}
    if request.htmx and request.GET.get("fragment") == "proposals":
        return render(request, "workshops/room.html#proposal-list", context)
    return render(request, "workshops/room.html", context)


@require_http_methods(["GET"])
def brief(request: HttpRequest, code: str) -> HttpResponse:
    workshop, participant = access.get_participant_workshop(request, code)
    delegations = workshop.delegations.prefetch_related("principles__document")
    return render(
        request,
        "workshops/brief.html",
        {"workshop": workshop, "participant": participant, "delegations": delegations},
    )


@login_required
@require_http_methods(["GET", "POST"])
def console_list(request: HttpRequest) -> HttpResponse:
    """The facilitator's workshops, and a form to start one from a template."""
    form = WorkshopCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = workshop_create_from_template(
            template=form.cleaned_data["template"],
            title=form.cleaned_data["title"],
            user=request.user,
        )
        return redirect("workshops:console", code=workshop.code)
    workshops = Workshop.objects.filter(is_template=False).annotate(
        people=Count("participants", filter=~Q(participants__role=Participant.Role.FACILITATOR))
    )
    if not request.user.is_superuser:
        workshops = workshops.filter(created_by=request.user)
    return render(
        request,
        "workshops/console_list.html",
        {
            "form": form,
            "workshops": [w for w in workshops if not w.is_archived],
            "archived": [w for w in workshops if w.is_archived],
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET"])
def phase_bar(request: HttpRequest, code: str) -> HttpResponse:
    """The phase bar alone, for pages that redraw it when the phase or timer changes."""
    workshop, _participant = access.get_participant_workshop(request, code)
    return render(request, "components/phase_bar.html#phase-bar", {"workshop": workshop})


CONSOLE_SECTIONS = {
    "phase": "console-phase",
    "rule": "console-rule",
    "delegations": "console-delegations",
    "participants": "console-participants",
    "proposals": "console-proposals",
    "charter": "console-charter",
}


def _console_context(request: HttpRequest, workshop: Workshop, **forms) -> dict:
    participant = access.current_participant(request, workshop)
    join_url = request.build_absolute_uri(reverse("workshops:seat", args=[workshop.code]))
    delegations = workshop.delegations.prefetch_related("members")
    delegation_forms = forms.pop("delegation_forms", {})
    participants = workshop.participants.select_related("delegation").annotate(
        proposal_count=Count("proposals")
    )
    return _room_context(request, workshop, participant) | {
        "join_url": join_url,
        "qr": qr_svg(join_url),
        "phases": Phase.choices,
        "participants": participants,
        "present_delegates": sum(
            1 for p in participants if p.is_present and p.role == Participant.Role.DELEGATE
        ),
        "delegations": delegations,
        "delegation_forms": [
            delegation_forms.get(d.pk) or DelegationForm(instance=d, prefix=f"d{d.pk}")
            for d in delegations
        ],
        "rule_form": forms.pop("rule_form", None) or RuleForm(instance=workshop),
        "timer_form": forms.pop("timer_form", None) or TimerForm(),
        **forms,
    }


def _console_done(
    request: HttpRequest, workshop: Workshop, section: str, *, event: str | None = None
) -> HttpResponse:
    """After an action: the section's fragment for htmx (POST/redirect/GET otherwise), and
    `event` raised on this page at once so its other widgets redraw without waiting for
    the live stream."""
    if request.htmx:
        workshop.refresh_from_db()
        response = render(
            request,
            f"workshops/console.html#{CONSOLE_SECTIONS[section]}",
            _console_context(request, workshop),
        )
        return trigger_client_event(response, event) if event else response
    return redirect("workshops:console", code=workshop.code)


def _console_invalid(
    request: HttpRequest, workshop: Workshop, section: str, status: int, **forms
) -> HttpResponse:
    """The section again with the bound form, its errors and what was typed."""
    template = "workshops/console.html"
    if request.htmx:
        template += f"#{CONSOLE_SECTIONS[section]}"
    return render(request, template, _console_context(request, workshop, **forms), status=status)


@login_required
@require_http_methods(["GET"])
def console(request: HttpRequest, code: str) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    context = _console_context(request, workshop)
    section = request.GET.get("fragment")
    if request.htmx and section in CONSOLE_SECTIONS:
        return render(request, f"workshops/console.html#{CONSOLE_SECTIONS[section]}", context)
    return render(request, "workshops/console.html", context)


@login_required
@require_http_methods(["POST"])
def console_phase(request: HttpRequest, code: str) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    form = PhaseForm(request.POST)
    if not form.is_valid():
        raise ActionRefused(
            f"Unknown phase. Choose one of: {', '.join(Phase.labels)}.", status_code=400
        )
    workshop_set_phase(workshop=workshop, phase=form.cleaned_data["phase"])
    return _console_done(request, workshop, "phase", event="phase-bar-stale")


@login_required
@require_http_methods(["POST"])
def console_timer(request: HttpRequest, code: str) -> HttpResponse:
    """Start the countdown (minutes) or stop it (the button named "stop")."""
    workshop = access.get_facilitated_workshop(request, code)
    if "stop" in request.POST:
        services.workshop_set_timer(workshop=workshop, minutes=None)
        return _console_done(request, workshop, "phase", event="phase-bar-stale")
    form = TimerForm(request.POST)
    if not form.is_valid():
        return _console_invalid(request, workshop, "phase", 400, timer_form=form)
    services.workshop_set_timer(workshop=workshop, minutes=form.cleaned_data["minutes"])
    return _console_done(request, workshop, "phase", event="phase-bar-stale")


@login_required
@require_http_methods(["POST"])
def console_lock(request: HttpRequest, code: str) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    locked = request.POST.get("locked")
    if locked not in ("1", "0"):
        raise ActionRefused("Say whether to lock (1) or unlock (0) editing.", status_code=400)
    services.workshop_set_lock(workshop=workshop, locked=locked == "1")
    return _console_done(request, workshop, "phase", event="phase-bar-stale")


@login_required
@require_http_methods(["POST"])
def console_rule(request: HttpRequest, code: str) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    form = RuleForm(request.POST, instance=Workshop.objects.get(pk=workshop.pk))
    if not form.is_valid():
        return _console_invalid(request, workshop, "rule", 400, rule_form=form)
    try:
        services.workshop_set_rule(workshop=workshop, **form.cleaned_data)
    except ActionRefused as refused:
        form.add_error(None, refused.message)
        return _console_invalid(request, workshop, "rule", refused.status_code, rule_form=form)
    return _console_done(request, workshop, "rule")


@login_required
@require_http_methods(["POST"])
def console_delegation(request: HttpRequest, code: str, delegation_id: int) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    delegation = access.get_workshop_delegation(workshop, delegation_id)
    form = DelegationForm(
        request.POST,
        instance=access.get_workshop_delegation(workshop, delegation_id),
        prefix=f"d{delegation.pk}",
    )
    status = 400
    if form.is_valid():
        try:
            services.delegation_update(delegation=delegation, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
            status = refused.status_code
        else:
            return _console_done(request, workshop, "delegations")
    return _console_invalid(
        request, workshop, "delegations", status, delegation_forms={delegation.pk: form}
    )


PARTICIPANT_ACTIONS = ("rename", "move", "present", "absent", "remove")


@login_required
@require_http_methods(["POST"])
def console_participant(request: HttpRequest, code: str, participant_id: int) -> HttpResponse:
    """Rename, move, mark present or absent, or remove one participant (told apart by
    the button's `action`)."""
    workshop = access.get_facilitated_workshop(request, code)
    participant = access.get_workshop_participant(workshop, participant_id)
    action = request.POST.get("action")
    if action == "rename":
        form = RenameForm(request.POST)
        if not form.is_valid():
            raise ActionRefused(
                f"Give {participant.display_name} a name of 1 to 40 characters.", status_code=400
            )
        services.participant_rename(
            workshop=workshop,
            participant=participant,
            display_name=form.cleaned_data["display_name"],
        )
    elif action == "move":
        form = MoveForm(request.POST, workshop=workshop)
        if not form.is_valid():
            raise ActionRefused(" ".join(form.errors["delegation"]), status_code=400)
        services.participant_move(
            workshop=workshop, participant=participant, delegation=form.cleaned_data["delegation"]
        )
    elif action in ("present", "absent"):
        services.participant_set_present(
            workshop=workshop, participant=participant, present=action == "present"
        )
    elif action == "remove":
        services.participant_remove(workshop=workshop, participant=participant)
    else:
        raise ActionRefused(
            f"Unknown action. Use one of: {', '.join(PARTICIPANT_ACTIONS)}.", status_code=400
        )
    return _console_done(request, workshop, "participants")


@login_required
@require_http_methods(["POST"])
def console_spotlight(request: HttpRequest, code: str) -> HttpResponse:
    """Spotlight a proposal (`proposal`) or an article (`clause`); `clear` turns it off."""
    workshop = access.get_facilitated_workshop(request, code)
    proposal = clause = None
    if "clear" not in request.POST:
        proposal_id, clause_id = request.POST.get("proposal"), request.POST.get("clause")
        if not (proposal_id or clause_id) or (proposal_id and clause_id):
            raise ActionRefused("Spotlight one proposal or one clause.", status_code=400)
        try:
            if proposal_id:
                proposal = get_object_or_404(Proposal, pk=int(proposal_id), workshop=workshop)
            else:
                clause = get_object_or_404(
                    Clause.objects.select_related("charter"),
                    pk=int(clause_id),
                    charter__workshop=workshop,
                )
        except ValueError:
            raise ActionRefused("That is not a proposal or clause.", status_code=400) from None
    services.workshop_set_spotlight(workshop=workshop, proposal=proposal, clause=clause)
    section = "charter" if request.POST.get("section") == "charter" else "proposals"
    return _console_done(request, workshop, section, event="spotlight-changed")


@login_required
@require_http_methods(["POST"])
def console_duplicate(request: HttpRequest, code: str) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    copy = services.workshop_duplicate(workshop=workshop, user=request.user)
    return redirect("workshops:console", code=copy.code)


@login_required
@require_http_methods(["POST"])
def console_archive(request: HttpRequest, code: str) -> HttpResponse:
    workshop = access.get_facilitated_workshop(request, code)
    archived = request.POST.get("archived")
    if archived not in ("1", "0"):
        raise ActionRefused("Say whether to archive (1) or restore (0).", status_code=400)
    services.workshop_set_archived(workshop=workshop, archived=archived == "1")
    if archived == "1":
        return redirect("workshops:console_list")
    return redirect("workshops:console", code=workshop.code)


PROJECTOR_FRAGMENTS = {
    "spotlight": "projector-spotlight",
    "charter": "projector-charter",
}


@login_required
@require_http_methods(["GET"])
def projector(request: HttpRequest, code: str) -> HttpResponse:
    """What the room sees on the big screen; opened by the facilitator on the room's laptop."""
    workshop = access.get_facilitated_workshop(request, code)
    workshop = Workshop.objects.select_related(
        "spotlight_proposal__delegation", "spotlight_proposal__clause", "spotlight_clause"
    ).get(pk=workshop.pk)
    join_url = request.build_absolute_uri(reverse("workshops:seat", args=[workshop.code]))
    context = {
        "workshop": workshop,
        "join_url": join_url,
        "qr": qr_svg(join_url),
        "tallies": projector_tallies(workshop),
        "latest": latest_result(workshop),
        "clauses": charter_clauses(workshop),
        "live_url": live_url(workshop),
    }
    fragment = request.GET.get("fragment")
    if request.htmx and fragment in PROJECTOR_FRAGMENTS:
        return render(request, f"workshops/projector.html#{PROJECTOR_FRAGMENTS[fragment]}", context)
    return render(request, "workshops/projector.html", context)
