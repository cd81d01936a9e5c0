"""The API's pages in the browser: the profile page, where people create, name and revoke their personal API
tokens, and the open data page with the contracts register and the OCDS packages (public, like the data)."""

import json
from datetime import timedelta

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from commissioning import second_factor
from commissioning.forms import GovukFormMixin

from . import opendata, services
from .models import ApiToken

PER_PAGE = 25  # published plans on a page of the open data page
EXPIRY = {"30": timedelta(days=30), "90": timedelta(days=90), "365": timedelta(days=365), "never": None}


class TokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What it is for, so you know which to revoke, for example 'Performance team KPI upload'.",
    )
    expires = forms.ChoiceField(
        label="Expires",
        choices=[("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), ("never", "Never")],
        initial="90",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter a name for the token"
        self.fields["name"].error_messages["max_length"] = "The name must be 100 characters or fewer"
        self.fields["expires"].error_messages["required"] = "Select when the token expires"

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter a name for the token")
        return name


@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True, enabled=second_factor.required_now)
def profile(request):
    form = TokenForm(request.POST or None)
    secret, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            expiry = EXPIRY[form.cleaned_data["expires"]]
            token, secret = services.issue_token(
                name=form.cleaned_data["name"],
                expires_at=timezone.now() + expiry if expiry else None,
                acting_user=request.user,
            )
            form = TokenForm()  # the secret is shown once, on this response only; nothing keeps it
        else:
            status = 400
    tokens = list(ApiToken.objects.filter(user=request.user))
    return render(
        request,
        "account/profile.html",
        {
            "form": form,
            "secret": secret,
            "tokens": tokens,
            "new_token": secret and tokens[0],
            "factors": second_factor.factors_of(request.user),
        },
        status=status,
    )


@require_POST
def revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)  # only your own tokens
    if token.revoked_at is None:
        services.revoke_token(token_id=token.pk, acting_user=request.user)
        messages.success(request, f"The token '{token.name}' is revoked: it can no longer be used.")
    return redirect("account:profile")


# Open data (public: it is published for anyone) -------------------------------------------------------------


@login_not_required
def index(request):
    contracts = opendata.published_contracts().order_by("pk")
    plans = (
        opendata.published_plans()
        .prefetch_related(Prefetch("contracts", contracts, to_attr="published_contracts"))
        .order_by("strategy__reference", "pk")
    )
    page = Paginator(plans, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/index.html",
        {"page": page, "query": "", "register_count": opendata.register_count()},
    )


@login_not_required
def register_csv(request):
    response = HttpResponse(opendata.register_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contracts-register.csv"'
    return response


def _json(data, filename):
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_not_required
def plan_ocds(request, pk):
    plan = opendata.published_plans().filter(pk=pk).first()
    if plan is None:
        raise Http404("No such published plan")
    return _json(opendata.plan_package(plan, request), f"ocds-plan-{pk}.json")


@login_not_required
def contract_ocds(request, pk):
    contract = opendata.published_contracts().filter(pk=pk).first()
    if contract is None:
        raise Http404("No such published contract")
    return _json(opendata.contract_package(contract, request), f"ocds-contract-{pk}.json")
