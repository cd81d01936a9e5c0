"""Uploads and oversized requests (issue 16 item 4): a file past EVIDENCE_MAX_BYTES is refused while it
streams in, a declared length past the limit before a byte is read, and either, like a form past
FORM_MAX_BYTES, gets a GOV.UK page (413) that gives the limits and the way back to the form."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import override_settings
from django.urls import reverse

from commissioning.uploads import LimitedUploadHandler
from commissioning.views import bad_request

BOUNDARY = "xyzzy"


class CountingStream(io.BytesIO):
    """A request body that remembers how much of it was read."""

    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data


def _multipart(file_size: int) -> bytes:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    return head + b"%" * file_size + f"\r\n--{BOUNDARY}--\r\n".encode()


def _parse(body: bytes, content_length: int | None = None):
    stream = CountingStream(body)
    meta = {
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(content_length if content_length is not None else len(body)),
    }
    handlers = [LimitedUploadHandler(), MemoryFileUploadHandler()]
    parser = MultiPartParser(meta, stream, handlers)
    return stream, parser


@override_settings(EVIDENCE_MAX_BYTES=100_000, DATA_UPLOAD_MAX_MEMORY_SIZE=5_000_000)
def test_a_file_past_the_limit_is_refused_while_it_streams_in():
    stream, parser = _parse(_multipart(3_000_000))
    with pytest.raises(RequestDataTooBig):
        parser.parse()
    assert stream.read_bytes < 400_000  # stopped near the limit, not after reading 3 MB


@override_settings(EVIDENCE_MAX_BYTES=100_000, DATA_UPLOAD_MAX_MEMORY_SIZE=100_000)
def test_a_declared_length_past_the_limit_is_refused_before_reading():
    stream, parser = _parse(_multipart(1_000), content_length=1_000_000_000)
    with pytest.raises(RequestDataTooBig):
        parser.parse()
    assert stream.read_bytes == 0


@override_settings(EVIDENCE_MAX_BYTES=100_000)
def test_a_file_within_the_limit_is_received_whole():
    _, parser = _parse(_multipart(99_000))
    _, files = parser.parse()
    assert files["document"].size == 99_000


@pytest.mark.django_db
class TestTheErrorPage:
    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
    def test_a_form_past_the_limit_gets_a_page_with_the_limit_and_the_way_back(
        self, client, own_strategy, commissioner
    ):
        client.force_login(commissioner)
        form = reverse("strategies:section", args=[own_strategy.pk, "issues"])
        response = client.post(
            form,
            {"emerging_issues": "x" * 20_000, "seen_version": 1},
            HTTP_REFERER=f"http://testserver{form}",
        )
        assert response.status_code == 413
        page = response.content.decode()
        assert "What you sent is too large" in page and "Nothing has been saved" in page
        assert "up to 9.8\xa0KB of text" in page and "a file can be up to 20.0\xa0MB" in page
        assert f'href="http://testserver{form}" class="govuk-back-link"' in page
        assert "back button" in page

    @override_settings(EVIDENCE_MAX_BYTES=1_000)
    def test_an_upload_past_the_limit_gets_the_same_page(self, client, own_strategy, commissioner):
        client.force_login(commissioner)
        upload = io.BytesIO(b"%PDF" + b"0" * 5_000)
        upload.name = "big.pdf"
        response = client.post(
            reverse("strategies:section", args=[own_strategy.pk, "evidence"]),
            {"title": "Census", "file": upload, "seen_version": 1},
            HTTP_REFERER="https://elsewhere.example/",
        )
        assert response.status_code == 413
        page = response.content.decode()
        assert "a file can be up to 1000\xa0bytes" in page
        assert "elsewhere.example" not in page  # a back link only to this site

    def test_another_bad_request_gets_the_plain_400_page(self, rf):
        request = rf.get("/")
        request.user = AnonymousUser()
        response = bad_request(request, SuspiciousOperation("odd"))
        assert response.status_code == 400
        assert b"Sorry, something went wrong with what you sent" in response.content
