"""What a strategy's contracts touch, for members' conflict flags and the bar on deciding
(members.interests): each contract's provider, named as on the contract."""

from members.interests import add_touches

from .models import Contract


def contract_providers(strategy_ids):
    for strategy_id, provider, title in Contract.objects.filter(strategy_id__in=strategy_ids).values_list(
        "strategy_id", "provider", "title"
    ):
        yield strategy_id, "providers", provider, f"the provider of the contract '{title}' under the strategy"


add_touches(contract_providers)
