"""Every private download says `Cache-Control: private, no-store`: no proxy or shared cache may keep a copy
of evidence, meeting packs and their documents, or the exports, and the browser keeps none on disk."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from meetings.models import AgendaItemKind, PackPart
from strategies.models import EvidenceItem

from .. import factories
from ..meetings.test_meetings import _item, _meeting, _pack, pdf_bytes


def _no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def world(settings, tmp_path, commissioner, administrator, scrutiny):
    from members.models import Board

    settings.MEDIA_ROOT = tmp_path
    strategy = factories.strategy(commissioner=commissioner)
    evidence = EvidenceItem.objects.create(
        strategy=strategy,
        title="Carers survey",
        source="Customer Service Centre",
        kind="survey",
        file=SimpleUploadedFile("survey.csv", b"question,answer\nq1,yes\n"),
    )
    board = factories.board(name="Scrutiny Committee", kind=Board.Kind.SCRUTINY_COMMITTEE, members=[scrutiny])
    meeting = _meeting(board, administrator)
    item = _item(
        meeting,
        administrator,
        kind=AgendaItemKind.DOCUMENT,
        title="Partner report",
        document=ContentFile(pdf_bytes(1), name="report.pdf"),
        document_pages=1,
    )
    pack = _pack(meeting, PackPart.PUBLIC, by=administrator)
    return {"strategy": strategy, "evidence": evidence, "meeting": meeting, "item": item, "pack": pack}


DOWNLOADS = {
    "evidence": lambda w: reverse("strategies:evidence-file", args=[w["strategy"].pk, w["evidence"].pk]),
    "pack": lambda w: reverse("meetings:pack", args=[w["pack"].pk]),
    "agenda document": lambda w: reverse("meetings:item-document", args=[w["meeting"].pk, w["item"].pk]),
    "forward plan": lambda w: reverse("gateway:forward-plan-csv"),
    "decisions": lambda w: reverse("members:decision-log-csv"),
    "pack through the API": lambda w: reverse("api:pack-download", args=[w["pack"].pk]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("what", list(DOWNLOADS))
def test_private_downloads_are_never_stored(client, world, administrator, what, no_throttle):
    client.force_login(administrator)
    response = client.get(DOWNLOADS[what](world))
    assert response.status_code == 200, response.content[:300]
    assert _no_store(response), response.get("Cache-Control")


@pytest.mark.django_db
def test_the_open_register_is_public_and_may_be_cached(world):
    response = APIClient().get(reverse("api:register"))
    assert response.status_code == 200 and "private" not in response.get("Cache-Control", "")
