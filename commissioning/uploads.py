"""Uploads are measured while they arrive: a request or a file past its limit is refused as soon as that
is known, before the rest is read (Django would otherwise stream a 1 GB upload to a temporary file and
only then let the form find it too big). The refusal is RequestDataTooBig, which the error page
(commissioning.views.bad_request) explains with the limits."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


def request_limit() -> int:
    """The largest form with a file: one file at the upload limit plus the form's other fields."""
    return settings.EVIDENCE_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class LimitedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts each file's bytes and stops the upload past the limit;
    the handlers after it (memory, then a temporary file) store what it lets through."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803
        # A declared length past the limit is refused before a byte of the body is read.
        if content_length and content_length > request_limit():
            raise RequestDataTooBig("The upload is larger than the limit.")
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_BYTES:
            raise RequestDataTooBig("The file is larger than the upload limit.")
        return raw_data

    def file_complete(self, file_size):
        return None
