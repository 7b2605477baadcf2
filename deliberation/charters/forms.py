from django import forms

from .models import MAX_TEXT, CaucusMessage, Comment, Objection, Proposal
from .services import MAX_TITLE


class ProposalForm(forms.Form):
    title = forms.CharField(label="Article title", max_length=MAX_TITLE)
    text = forms.CharField(
        label="Clause text",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One clause, in the words you want the charter to say.",
    )


class AmendmentForm(forms.Form):
    operation = forms.ChoiceField(
        label="What the amendment does",
        choices=Proposal.Operation.choices,
        initial=Proposal.Operation.REPLACE,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="Amended text",
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Edit the current wording: replace, insert or delete words. Put contested "
        "language in [square brackets].",
    )
    move_to = forms.IntegerField(label="New article number", min_value=1, required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        data = super().clean()
        if data.get("operation") == Proposal.Operation.REPLACE and not data.get("text", ""):
            self.add_error("text", "Write the amended text.")
        if data.get("operation") == Proposal.Operation.MOVE and not data.get("move_to"):
            self.add_error("move_to", "Say where the article should go.")
        return data


class RebaseForm(forms.Form):
    text = forms.CharField(
        label="Updated amendment",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label="Reason for objecting",
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    principle = forms.ModelChoiceField(
        label="Principle it invokes (optional)", queryset=None, required=False
    )

    def __init__(self, *args, principles=None, **kwargs):
        super().__init__(*args, **kwargs)
        from deliberation.sources.models import Principle

        self.fields["principle"].queryset = principles or Principle.objects.none()
        self.fields["principle"].empty_label = "No particular principle"


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer", max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(forms.Form):
    stance = forms.ChoiceField(
        label="Your stance",
        choices=Comment.Stance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your stance: for, against or neutral."},
    )
    text = forms.CharField(
        label="Comment", max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    proposal = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class HideForm(forms.Form):
    reason = forms.CharField(label="Reason for hiding", max_length=300)


class CaucusForm(forms.Form):
    text = forms.CharField(
        label="Message to your delegation",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(
        choices=CaucusMessage.Kind.choices, initial="chat", widget=forms.HiddenInput
    )


class ObjectionRuleForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Objection.Status.ANSWERED, "Answered"),
            (Objection.Status.UPHELD, "Upheld"),
        ]
    )


class CharterForm(forms.Form):
    title = forms.CharField(label="Charter title", max_length=MAX_TITLE)
    preamble = forms.CharField(
        label="Preamble",
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
