from django import forms

from .models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Delegation,
    Participant,
    Workshop,
    normalise_join_code,
)
from .services import MAX_NAME, MAX_QUORUM, MAX_THRESHOLD_DENOMINATOR, MAX_TIMER_MINUTES


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label="Join code",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "ABC-234",
                "class": "form-control-lg text-uppercase",
            }
        ),
        help_text="The six characters on the projector, e.g. ABC-234.",
    )

    def clean_code(self) -> str:
        code = normalise_join_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
            raise forms.ValidationError(
                "A join code has six letters and digits (no 0, O, 1, I or L). Check the screen."
            )
        return code


class SeatForm(forms.Form):
    OBSERVE = "observe"

    display_name = forms.CharField(
        label="Your name in the room",
        max_length=MAX_NAME,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    # An explicit choice: a student who forgets to tap a delegation is told so, rather than
    # seated as an observer who can neither propose nor vote.
    delegation = forms.ChoiceField(
        label="Your delegation",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick the delegation you will play, or choose to observe.",
            "invalid_choice": "That delegation is not part of this workshop.",
        },
    )

    def __init__(self, *args, workshop: Workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegations = {str(d.pk): d for d in workshop.delegations.all()}
        self.fields["delegation"].choices = [
            *((pk, d.name) for pk, d in self.delegations.items()),
            (self.OBSERVE, "Observe without a delegation"),
        ]

    def clean_delegation(self) -> Delegation | None:
        """The delegation chosen, or None to observe."""
        return self.delegations.get(self.cleaned_data["delegation"])


class WorkshopCreateForm(forms.Form):
    title = forms.CharField(label="Workshop title", max_length=200)
    template = forms.ModelChoiceField(
        label="Start from",
        queryset=Workshop.objects.filter(is_template=True),
        empty_label=None,
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(choices=Workshop._meta.get_field("phase").choices)


class TimerForm(forms.Form):
    minutes = forms.IntegerField(
        label="Minutes",
        min_value=1,
        max_value=MAX_TIMER_MINUTES,
        error_messages={
            "min_value": "The timer needs at least 1 minute.",
            "max_value": f"The timer runs for at most {MAX_TIMER_MINUTES} minutes.",
            "invalid": "Give the timer a whole number of minutes.",
            "required": "How many minutes?",
        },
    )


class RuleForm(forms.ModelForm):
    """The decision rule, chosen before voting; the service checks it again."""

    quorum = forms.IntegerField(
        min_value=0,
        max_value=MAX_QUORUM,
        help_text="Fewest ballots for a vote to count; 0 for none.",
        error_messages={
            "min_value": "The quorum cannot be negative.",
            "max_value": f"The quorum runs from 0 to {MAX_QUORUM} ballots.",
        },
    )
    threshold_numerator = forms.IntegerField(
        label="Threshold: at least",
        min_value=1,
        help_text="Qualified majority only: the share of votes in favour, e.g. 2 out of 3.",
    )
    threshold_denominator = forms.IntegerField(
        label="out of", min_value=1, max_value=MAX_THRESHOLD_DENOMINATOR
    )

    class Meta:
        model = Workshop
        fields = [
            "rule_kind",
            "threshold_numerator",
            "threshold_denominator",
            "count_abstentions",
            "delegation_vote_by_head",
            "quorum",
            "secret_ballot",
            "hide_tally",
        ]
        labels = {
            "rule_kind": "Kind of majority",
            "count_abstentions": "Count abstentions (an abstention weighs like a no)",
            "delegation_vote_by_head": "Each delegation's head casts its vote (majority of "
            "delegations and consensus)",
            "secret_ballot": "Secret ballot (show totals only, never who voted what)",
            "hide_tally": "Hide the tally until the vote closes",
        }

    def clean(self):
        data = super().clean()
        numerator = data.get("threshold_numerator")
        denominator = data.get("threshold_denominator")
        if numerator and denominator and numerator > denominator:
            self.add_error(
                "threshold_numerator", "The threshold cannot be more than all (e.g. 2 out of 3)."
            )
        return data


class DelegationForm(forms.ModelForm):
    head = forms.ModelChoiceField(
        label="Head (casts the vote when heads vote)",
        queryset=Participant.objects.none(),
        required=False,
        empty_label="No head",
    )

    class Meta:
        model = Delegation
        fields = ["name", "colour", "brief", "has_veto", "head"]
        labels = {"has_veto": "Holds a veto"}
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "brief": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = self.instance.members.all()
        self.fields["head"].error_messages["invalid_choice"] = (
            "The head must be a member of this delegation."
        )
        self.fields["colour"].error_messages["max_length"] = "A colour is written #rrggbb."


class RenameForm(forms.Form):
    display_name = forms.CharField(label="New name", max_length=MAX_NAME)


class MoveForm(forms.Form):
    delegation = forms.ModelChoiceField(
        label="Delegation",
        queryset=Delegation.objects.none(),
        required=False,
        empty_label="Observer (no delegation)",
        error_messages={"invalid_choice": "That delegation is not part of this workshop."},
    )

    def __init__(self, *args, workshop: Workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = workshop.delegations.all()
