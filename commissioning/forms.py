from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from . import dateinput, dates


class LoginForm(AllauthLoginForm):
    """django-allauth's sign-in (so a second factor is asked for next) with the field named `username`, as
    django-axes counts failures by it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields.pop("login")
        self.fields = {"username": login, "password": self.fields["password"]}
        login.widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        login.error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self):
        return self.cleaned_data["username"].strip()

    def clean(self):
        if "username" in self.cleaned_data:
            self.cleaned_data["login"] = self.cleaned_data["username"]
        return super().clean()

    def user_credentials(self) -> dict:
        return {"username": self.cleaned_data["username"], "password": self.cleaned_data.get("password", "")}


PASSKEY_NAME_HINT = "So you can tell your passkeys apart, for example 'Work laptop' or 'Blue security key'"


def _passkey_name(field):
    field.label = "Name"
    field.help_text = PASSKEY_NAME_HINT
    field.validators.append(MaxLengthValidator(100, message="The name must be 100 characters or fewer"))
    field.error_messages["required"] = "Enter a name for the passkey"


class AddPasskeyForm(AddWebAuthnForm):
    """allauth's form for adding a passkey (MFA_FORMS), in the site's words; a malformed credential is refused
    like a wrong one (allauth lets fido2's ValueError through, a 500)."""

    def __init__(self, *args, **kwargs):
        count = Authenticator.objects.filter(user=kwargs["user"], type=Authenticator.Type.WEBAUTHN).count()
        kwargs.setdefault("initial", {}).setdefault("name", f"Passkey {count + 1}")
        super().__init__(*args, **kwargs)
        _passkey_name(self.fields["name"])
        if "passwordless" in self.fields:
            self.fields["passwordless"].label = "Let this passkey sign in alone, without your password"
            self.fields[
                "passwordless"
            ].help_text = (
                "Only for a passkey that asks for your PIN, face or fingerprint each time it is used"
            )

    def clean(self):
        try:
            return super().clean()
        except ValueError as error:
            raise get_adapter().validation_error("incorrect_code") from error


class SecondFactorCodeForm(AuthenticateForm):
    """The code asked for after the password (allauth's AuthenticateForm), labelled in the site's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.help_text = "The 6 digits your authenticator app shows, or one of your recovery codes"
        code.error_messages["required"] = "Enter the code"
        code.widget.attrs.pop("placeholder", None)


class RenamePasskeyForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _passkey_name(self.fields["name"])


class GovukFormMixin:
    """Error messages in the GOV.UK style: say what to do ('Enter a title'), not 'This field is required'.
    Every typed date is bounded (commissioning.dates), except a form's `filter_dates`: dates that only narrow
    what is found, never stored, where any real date is a fair question (the API's filters take them too)."""

    filter_dates: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or "").lower()
            choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
            if isinstance(field.widget, forms.HiddenInput):
                # Nobody types a hidden field: it is missing only from a stale or tampered page (a refusal
                # showed a bare 'Select' here before).
                field.error_messages["required"] = "Reload the page and try again"
            else:
                field.error_messages["required"] = f"{'Select' if choosing else 'Enter'} {label}"
            if isinstance(field, forms.DecimalField | forms.IntegerField):
                field.error_messages["invalid"] = f"{str(field.label).capitalize()} must be a number"
                field.error_messages["min_value"] = (
                    f"{str(field.label).capitalize()} must be %(limit_value)s or more"
                )
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = (
                    f"{str(field.label).capitalize()} must be {field.max_length:,} characters or fewer"
                )
            if (
                isinstance(field, forms.DateField | forms.DateTimeField)
                and name not in self.filter_dates
                and not any(getattr(v, "date_bounds", False) for v in field.validators)
            ):
                field.validators.append(dates.validator(str(field.label or "The date").capitalize()))
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = f"{str(field.label).capitalize()} must be a real date"
                # Typed as day, month and year in three boxes: the GOV.UK date input (issue 23).
                dateinput.adopt(field)
            if isinstance(field, forms.URLField):
                field.error_messages["invalid"] = (
                    "Enter a full web address, starting with https://, like https://example.org/report"
                )


class VersionedFormMixin(GovukFormMixin):
    """Carries the version of the record the form was loaded from, to refuse stale saves."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["seen_version"] = instance.version
        elif not self.is_bound:  # a new record, or a plain form given the version by its view
            self.initial.setdefault("seen_version", 1)
        self.fields["seen_version"].error_messages["required"] = "Reload the page and try again"


class PartForm(VersionedFormMixin, forms.ModelForm):
    """A form for one item of a record's content (commissioning.parts): knows its parent record."""

    def __init__(self, *args, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        if parent is not None and self.instance.pk is None:
            for model_field in self._meta.model._meta.fields:  # so model validation knows the parent
                if model_field.many_to_one and isinstance(parent, model_field.related_model):
                    setattr(self.instance, model_field.name, parent)
        for name, form_field in self.fields.items():
            if isinstance(form_field, forms.ModelMultipleChoiceField):
                self.fields[name].widget = forms.CheckboxSelectMultiple()


def values(form) -> dict:
    """What saving a validated model form would write, as plain data for a service: its model fields'
    cleaned values (many-to-many ones as they are), as Django's construct_instance applies them (a file
    left empty keeps the stored one; a new record keeps a default whose field was not sent)."""
    opts = form._meta.model._meta
    out = {}
    for model_field in [*opts.fields, *opts.many_to_many]:
        name = model_field.name
        if name not in form._meta.fields or name not in form.cleaned_data:
            continue
        value = form.cleaned_data[name]
        form_field = form.fields[name]
        if (
            form.instance.pk is None
            and model_field.has_default()
            and form_field.widget.value_omitted_from_data(form.data, form.files, form.add_prefix(name))
            and value in form_field.empty_values
        ):
            continue
        if isinstance(model_field, models.FileField):
            if value is None:
                continue
            value = value or ""
        out[name] = value
    return out


def add_errors(form, error) -> None:
    """Show a service's refusal (a ValidationError) on the form that asked for it: by the field it names
    when the form has that field (e.g. a text past its limit), otherwise at the top."""
    by_field = getattr(
        error, "error_dict", {None: error.error_list if hasattr(error, "error_list") else [error]}
    )
    for name, errors in by_field.items():
        target = name if name in form.fields else None
        for message in ValidationError(errors).messages:
            form.add_error(target, message)


class _DateInput(forms.DateInput):
    input_type = "date"


class SearchForm(GovukFormMixin, forms.Form):
    """The search page's words and filters (commissioning.search): kinds and the strategy filters as the
    apps registered them."""

    filter_dates = ("date_from", "date_to")
    q = forms.CharField(label="Search for", max_length=200, required=False)
    kind = forms.MultipleChoiceField(label="Kinds", required=False, widget=forms.CheckboxSelectMultiple)
    date_from = forms.DateField(label="From", required=False, widget=_DateInput)
    date_to = forms.DateField(label="To", required=False, widget=_DateInput)

    def __init__(self, *args, **kwargs):
        from . import search

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in search.kinds()]
        self.scope_names = []
        for found in search.filters():
            self.fields[found.name] = forms.ChoiceField(
                label=found.label, required=False, choices=[("", "All"), *found.choices()]
            )
            self.scope_names.append(found.name)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data

    def arguments(self) -> dict:
        """The keyword arguments of search.search()."""
        data = self.cleaned_data
        return {
            "kinds": data.get("kind") or None,
            "scope": {name: data.get(name) for name in self.scope_names if data.get(name)},
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    @property
    def scope_fields(self):
        return [self[name] for name in self.scope_names]


class NotificationPreferencesForm(GovukFormMixin, forms.Form):
    """One choice per kind of notification; a safety-relevant kind is shown fixed at 'immediately'."""

    def __init__(self, *args, user, **kwargs):
        from .models import EmailChoice, NotificationPreference
        from .notifications import KINDS, is_safety

        super().__init__(*args, **kwargs)
        chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
        for kind in KINDS.values():
            safety = is_safety(kind.key)
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=EmailChoice.choices,
                initial=EmailChoice.IMMEDIATELY if safety else chosen.get(kind.key, EmailChoice.IMMEDIATELY),
                widget=forms.RadioSelect,
                disabled=safety,
                help_text="Always e-mailed at once: it cannot be put off." if safety else "",
            )
