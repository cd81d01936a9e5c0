"""An agenda item's PDF is refused past APPENDIX_MAX_PAGES by meetings' service (issue 16 item 4): every
page is laid into the meeting pack. The page says so by the document field, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItemKind

from .test_meetings import _item_post, _meeting, _stored_files, _upload, board, media, pdf_bytes  # noqa: F401


@pytest.mark.django_db
def test_the_service_refuses_a_pdf_past_the_page_limit(settings, board, administrator):  # noqa: F811
    settings.APPENDIX_MAX_PAGES = 3
    meeting = _meeting(board, administrator)
    with pytest.raises(ValidationError) as refused:
        services.add_item(
            meeting=meeting,
            kind=AgendaItemKind.DOCUMENT,
            title="Budget book",
            document=_upload(pdf_bytes(pages=4)),
            document_pages=1,  # the service counts for itself
            acting_user=administrator,
        )
    assert refused.value.message_dict["document"] == [
        "The document has 4 pages: an appendix can have up to 3. Split it, or link to it from the report instead"
    ]
    assert not meeting.items.exists()
    item = services.add_item(
        meeting=meeting,
        kind=AgendaItemKind.DOCUMENT,
        title="Budget summary",
        document=_upload(pdf_bytes(pages=3)),
        acting_user=administrator,
    )
    assert item.document_pages == 3
    with pytest.raises(ValidationError):  # a new document for an item is measured too
        services.save_item(
            item=item,
            seen_version=1,
            changes={"document": _upload(pdf_bytes(pages=5))},
            acting_user=administrator,
        )


@pytest.mark.django_db
def test_the_page_shows_the_refusal_by_the_document_and_stores_nothing(
    settings,
    client,
    board,  # noqa: F811
    administrator,
    media,  # noqa: F811
):
    settings.APPENDIX_MAX_PAGES = 2
    meeting = _meeting(board, administrator)
    client.force_login(administrator)
    response = client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        _item_post(kind=AgendaItemKind.DOCUMENT, title="Budget book", document=_upload(pdf_bytes(pages=3))),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_document-error"' in page and "an appendix can have up to 2" in page
    assert 'value="Budget book"' in page  # what was typed is kept
    assert not meeting.items.exists() and _stored_files(media) == []
