"""Opening the registry file: a local path or an http(s) URL downloaded in chunks to a temporary file."""

import tempfile
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

CHUNK = 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be imported: nothing is written, the message says what and where."""


def is_url(source: str) -> bool:
    return str(source).startswith(("http://", "https://"))


@contextmanager
def open_source(source, *, max_bytes: int):
    """Yield (binary file, size in bytes) of a path, URL or stored file (FieldFile); a URL is downloaded
    into a temporary file, at most `max_bytes` long."""
    if hasattr(source, "open") and hasattr(source, "size"):  # a file in storage (an upload in the admin)
        if source.size > max_bytes:
            raise ImportFileError(_("The file has %(size)d MB, more than the allowed %(max)d MB.")
                                  % {"size": source.size // 2**20, "max": max_bytes // 2**20})
        with source.open("rb") as handle:
            yield handle, source.size
        return
    if is_url(source):
        with tempfile.TemporaryFile(prefix="rpss-") as handle:
            _download(str(source), handle, max_bytes=max_bytes)
            size = handle.tell()
            handle.seek(0)
            yield handle, size
        return
    path = Path(source)
    if not path.is_file():
        raise ImportFileError(_("File %(path)s does not exist.") % {"path": source})
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFileError(_("The file has %(size)d MB, more than the allowed %(max)d MB.")
                              % {"size": size // 2**20, "max": max_bytes // 2**20})
    with open(path, "rb") as handle:
        yield handle, size


def _download(url: str, handle, *, max_bytes: int) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "socialni-sluzby-portal registry import"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (http(s) only, checked above)
            length = int(response.headers.get("Content-Length") or 0)
            if length > max_bytes:
                raise ImportFileError(_("The file has %(size)d MB, more than the allowed %(max)d MB.")
                                      % {"size": length // 2**20, "max": max_bytes // 2**20})
            copied = 0
            while chunk := response.read(CHUNK):
                copied += len(chunk)
                if copied > max_bytes:
                    raise ImportFileError(_("The download exceeded the allowed %(max)d MB.")
                                          % {"max": max_bytes // 2**20})
                handle.write(chunk)
    except OSError as error:  # URLError, HTTPError, timeouts
        raise ImportFileError(_("Download of %(url)s failed: %(error)s") % {"url": url, "error": error}) from None


def check_start(handle) -> None:
    """Refuse at once what cannot be the registry: an empty file, UTF-16/32, a root that is not an object.

    A UTF-8 byte-order mark is skipped (the parser would take it for garbage).
    """
    head = handle.read(4096)
    if head.startswith(b"\xef\xbb\xbf"):
        handle.seek(3)
        head = head[3:]
    else:
        handle.seek(0)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
        raise ImportFileError(_("The file is in UTF-16 or UTF-32; the registry file must be UTF-8."))
    text = head.lstrip()
    if not text:
        raise ImportFileError(_("The file is empty."))
    if not text.startswith(b"{"):
        raise ImportFileError(_("The root of the file must be a JSON object with the list \"polozky\"; the file "
                                "starts with %(start)r.") % {"start": text[:20].decode("utf-8", "replace")})
