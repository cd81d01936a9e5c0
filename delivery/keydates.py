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


def _ends(strategies, since, until, user):
    contracts = Contract.objects.filter(strategy__in=strategies)
    found = keydates.window(contracts, "end_date", since, until)
    if since is not None:  # flagged by the dashboard though ended: still to recommission
        found = found | contracts.ending().filter(end_date__lt=since)
    return permissions.readable_contracts(user, found)


contract_ends = keydates.source(
    keydates.Source(
        kind="Contract end",
        model=Contract,
        records=_ends,
        when="end_date",
        key_date=lambda c, strategy: KeyDate(
            c.end_date, _what(c), "Contract end", strategy, c.get_absolute_url()
        ),
        # What the date says: not every column of hundreds of contracts.
        fields=("strategy_id", "title", "provider", "extension_options", "end_date"),
    )
)
