from django import forms

from members.models import Board


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label="Your e-mail address",
        max_length=254,
        help_text="We send a link to confirm it. We use it for nothing else.",
        error_messages={"required": "Enter your e-mail address"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class BoardsForm(forms.Form):
    boards = forms.ModelMultipleChoiceField(
        label="E-mail me when these boards publish an agenda or a supplement",
        queryset=Board.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
