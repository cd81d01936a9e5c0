"""Delivery's key dates for the programme and the forward plan (strategies.keydates): each contract's end,
read from the contract itself, so the forward plan and the dashboard's "ending soon" (Contract.ending) agree.
A contract the dashboard flags that has already ended is listed too, on its end date: its strategy is still
flagged for recommissioning."""

from strategies import keydates
from strategies.keydates import KeyDate

from . import permissions
from .models import Contract


def _what(contract) -> str:
    text = f"Contract ends: {contract.title} ({contract.provider})"
    if contract.extension_options:
        text += f", extension options {contract.extension_options}"
    return text


@keydates.source
def contract_ends(by_id, since, until, user) -> list[KeyDate]:
    contracts = Contract.objects.filter(strategy__in=list(by_id))
    window = contracts
    if since is not None:
        window = window.filter(end_date__gte=since)
    if until is not None:
        window = window.filter(end_date__lte=until)
    if since is not None:  # flagged by the dashboard though ended: still to recommission
        window = window | contracts.ending().filter(end_date__lt=since)
    return [
        KeyDate(
            c.end_date,
            _what(c),
            "Contract end",
            by_id[c.strategy_id],
            c.get_absolute_url(),
        )
        for c in permissions.readable_contracts_among(
            user,
            # What the date says and whether it is withheld: not every column of hundreds of contracts.
            window.select_related("plan")
            .only(
                "strategy_id",
                "title",
                "provider",
                "extension_options",
                "end_date",
                "confidential",
                "plan__confidential",
            )
            .order_by("end_date", "pk"),
        )
    ]
