"""Thin views for Do and Review (being written)."""

from django.http import Http404


def _later(*args, **kwargs):
    raise Http404("Being written")


strategy_delivery = contract_create = kpi_create = review_record = contracts_ending = _later
contract_detail = check_edit = kpi_detail = _later
