"""Answering a Range request (RFC 9110 §14): a phone seeks in a video by asking for parts of it, and
Safari on iOS does not play a video that is only sent whole."""

import os
import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

BYTE_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)", re.IGNORECASE)
# More digits than any file we keep has bytes: such a position is only "past the end" (and int() refuses
# numbers of thousands of digits).
MAX_DIGITS = 18
BLOCK_BYTES = 64 * 1024


class UnsatisfiableRange(Exception):
    """The range asked for starts past the end of the file (416)."""


def position(digits: str) -> int:
    """Return the byte position the digits name, capped far past the end of any file."""
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS


def requested_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Return the first and last byte of the one range `header` asks of `size` bytes; None for the whole file.

    A missing, malformed or multi-range header is answered with the whole file, as RFC 9110 allows;
    a range that starts past the end raises UnsatisfiableRange.
    """
    found = BYTE_RANGE.fullmatch((header or "").strip())
    if found is None:
        return None
    first, last = (position(digits) if digits else None for digits in found.groups())
    if first is None:
        if last is None:
            return None
        if last == 0 or size == 0:
            raise UnsatisfiableRange
        return max(0, size - last), size - 1
    if last is not None and last < first:
        return None
    if first >= size:
        raise UnsatisfiableRange
    return first, size - 1 if last is None else min(last, size - 1)


class FileSlice:
    """Bytes `first` to `last` of an open file, read a block at a time; closing it closes the file."""

    def __init__(self, handle, first: int, last: int):
        self.handle, self.first, self.last = handle, first, last

    def __iter__(self):
        self.handle.seek(self.first)
        left = self.last - self.first + 1
        while left > 0:
            block = self.handle.read(min(BLOCK_BYTES, left))
            if not block:
                return
            left -= len(block)
            yield block

    def close(self):
        self.handle.close()


def file_response(request, handle, *, size: int, content_type: str):
    """Stream an open file, or the one byte range the request asks of it (206; 416 when past its end).

    An If-Range is answered with the whole file: these responses carry no validator it could match.
    """
    header = None if "If-Range" in request.headers else request.headers.get("Range")
    try:
        wanted = requested_range(header, size)
    except UnsatisfiableRange:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        if wanted is None:
            response = FileResponse(handle, content_type=content_type)
        else:
            first, last = wanted
            response = StreamingHttpResponse(FileSlice(handle, first, last), status=206, content_type=content_type)
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
            response["Content-Length"] = str(last - first + 1)
            if disposition := content_disposition_header(False, os.path.basename(handle.name or "")):
                response["Content-Disposition"] = disposition
    response["Accept-Ranges"] = "bytes"
    return response
