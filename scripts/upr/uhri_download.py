"""Download OHCHR's UHRI export and make sure it arrived whole (issue 12, item 3).

The weekly workflow ``.github/workflows/uhri-import.yml`` imports
``export-full-en.json`` (about 360 MB, about 250,000 annotations of every
mechanism). A download that fails half-way must never reach the importer: an
export cut after the first 40,000 annotations is valid-looking data that would
make most recommendations look "removed". So :func:`fetch`

1. streams the response to a temporary file beside ``out`` (``*.tmp``, ignored by
   git), with a size limit, a time limit for the whole download and a timeout for
   each read;
2. refuses an HTTP error, a cut connection and a body whose length differs from
   the server's ``Content-Length``;
3. streams through the file with ijson (never one ``json.load`` of 360 MB) and
   refuses anything that is not one complete JSON list of objects, or that has
   implausibly few UPR annotations (:data:`MIN_UPR`);
4. only then renames the file to ``out``. On any failure ``out`` is left as it was
   and the temporary file is removed.

``python -m upr.uhri_download [N]`` prints what checking a full-size export costs.

Every failure is a :class:`FetchError` whose message says, in words, what happened
and what it means. Download failures (HTTP 5xx and 429, connection problems, a cut
or slow transfer) are tried again ``retries`` times; a complete download that is
not a usable export is not.
"""
from __future__ import annotations

import datetime as dt
import http.client
import os
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_URL = "https://dataex.ohchr.org/uhri/export-results/export-full-en.json"
#: The full export had about 250,000 annotations in 2025, of which the UPR's
#: recommendations of four cycles are a large share. Fewer than this many UPR
#: annotations means OHCHR served a partial or broken export (or changed the
#: layout): importing it would look like thousands of recommendations removed.
MIN_UPR = 20_000
MAX_BYTES = 2 * 1024 ** 3       # 2 GiB: five times today's export
MAX_SECONDS = 30 * 60           # the whole download
READ_TIMEOUT = 60               # one read (connect included)
CHUNK = 1 << 20
USER_AGENT = "upr-platform/uhri-import (+https://github.com/upr-platform/upr-platform)"


class FetchError(Exception):
    """A download or an export that cannot be used. ``retry``: worth trying again."""

    def __init__(self, message: str, retry: bool = False):
        super().__init__(message)
        self.retry = retry


@dataclass
class Export:
    """What was downloaded: where, how big, how long, and what it holds."""

    url: str
    path: str
    bytes: int
    seconds: float
    annotations: int
    upr: int                   # annotations whose Body is UPR
    upr_recommendations: int   # ... and whose AnnotationType is Recommendations
    tries: int = 1
    downloaded: str = ""       # UTC date of the download, YYYY-MM-DD

    def as_dict(self) -> dict:
        return asdict(self)


def _megabytes(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def download(url: str, target: Path, *, max_bytes: int = MAX_BYTES, max_seconds: float = MAX_SECONDS,
             read_timeout: float = READ_TIMEOUT) -> int:
    """Stream ``url`` into the open-able path ``target``; returns the number of bytes.
    Raises :class:`FetchError` on an HTTP error, a cut connection, a length that
    differs from ``Content-Length``, or a limit exceeded."""
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("https", "http"):
        raise FetchError(f"'{url}' is not a web address (https://…); give the address of the UHRI export")
    host = urllib.parse.urlsplit(url).hostname or url
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": "application/json, */*;q=0.1", "Accept-Encoding": "identity"})
    started = time.monotonic()
    received = 0
    try:
        with urllib.request.urlopen(request, timeout=read_timeout) as response:  # noqa: S310 (scheme checked)
            length = response.headers.get("Content-Length")
            expected = int(length) if length and length.strip().isdigit() else None
            if expected is not None and expected > max_bytes:
                raise FetchError(f"the server announced {_megabytes(expected)}, more than the limit of "
                                 f"{_megabytes(max_bytes)}; if the export really grew that much, raise --max-mb")
            with open(target, "wb") as out:
                while True:
                    chunk = response.read(CHUNK)
                    if not chunk:
                        break
                    received += len(chunk)
                    if received > max_bytes:
                        raise FetchError(f"the download passed the limit of {_megabytes(max_bytes)} and was "
                                         "stopped; if the export really grew that much, raise --max-mb")
                    out.write(chunk)
                    if time.monotonic() - started > max_seconds:
                        raise FetchError(f"the download took longer than {max_seconds:g} seconds and was stopped "
                                         f"after {_megabytes(received)}", retry=True)
            if expected is not None and received != expected:
                raise FetchError(f"the connection ended after {_megabytes(received)} of the {_megabytes(expected)} "
                                 f"the server announced ({received:,} of {expected:,} bytes): the download was cut",
                                 retry=True)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"the server answered HTTP {exc.code} ({exc.reason}) for {url}",
                         retry=exc.code >= 500 or exc.code in (408, 429)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"{host} did not answer within {read_timeout:g} seconds", retry=True) from None
        raise FetchError(f"could not connect to {host} ({reason})", retry=True) from None
    except http.client.IncompleteRead as exc:
        raise FetchError(f"the connection ended in the middle of the download, after "
                         f"{_megabytes(received + len(exc.partial))}: the download was cut", retry=True) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"{host} sent nothing for {read_timeout:g} seconds, after {_megabytes(received)}: "
                         "the download was stopped", retry=True) from None
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(f"the connection to {host} failed after {_megabytes(received)} "
                         f"({type(exc).__name__}: {exc}): the download was cut", retry=True) from None
    return received


def _body_is(value, wanted: str) -> bool:
    """``- UPR`` (the JSON's form), ``UPR`` or ``["UPR"]`` all name the UPR."""
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and v.strip().lstrip("-").strip().casefold() == wanted for v in values)


def check_export(path: Path, min_upr: int = MIN_UPR) -> tuple[int, int, int]:
    """Stream through the file: it must be ONE complete JSON list of objects with at
    least ``min_upr`` UPR annotations. Returns ``(annotations, upr, upr recommendations)``."""
    import ijson

    with open(path, "rb") as fh:
        head = fh.read(4096)
        start = 3 if head.startswith(b"\xef\xbb\xbf") else 0
        first = head[start:].lstrip()[:1]
        if first != b"[":
            shown = head[start:].lstrip()[:60].decode("utf-8", "replace").replace("\n", " ")
            if not shown:
                raise FetchError("the server sent an empty file instead of the export")
            what = "an HTML page, not the export" if first == b"<" else "not a JSON list of annotations"
            raise FetchError(f"the file is {what}: it starts with «{shown}»")
        fh.seek(start)
        total = upr = recommendations = 0
        try:
            for item in ijson.items(fh, "item", use_float=True):
                total += 1
                if not isinstance(item, dict):
                    raise FetchError(f"annotation {total} of the list is not a JSON object "
                                     f"({type(item).__name__}): this is not the UHRI layout")
                if _body_is(item.get("Body"), "upr"):
                    upr += 1
                    if _body_is(item.get("AnnotationType"), "recommendations"):
                        recommendations += 1
        except ijson.JSONError as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if "premature eof" in detail.lower() or "incomplete" in detail.lower():
                raise FetchError(f"the file ends in the middle of the JSON, after {total:,} complete "
                                 f"annotations ({detail}): the download was cut", retry=True) from None
            raise FetchError(f"the file is not valid JSON after {total:,} complete annotations ({detail}): "
                             "the export is damaged") from None
    if upr < min_upr:
        raise FetchError(f"the export is complete JSON but has only {upr:,} UPR annotations "
                         f"({total:,} in all); a full export has far more than {min_upr:,}. "
                         "OHCHR probably served a partial export, or changed its layout")
    return total, upr, recommendations


def fetch(url: str, out: Path, *, min_upr: int = MIN_UPR, max_bytes: int = MAX_BYTES,
          max_seconds: float = MAX_SECONDS, read_timeout: float = READ_TIMEOUT, retries: int = 2,
          retry_wait: float = 60, log=None) -> Export:
    """Download ``url`` to ``out`` and check it (module docstring). ``out`` appears
    only when the export is complete; on failure it is left as it was."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        os.close(fd)
        part = Path(name)
        try:
            size = download(url, part, max_bytes=max_bytes, max_seconds=max_seconds, read_timeout=read_timeout)
            total, upr, recs = check_export(part, min_upr)
            os.replace(part, out)
            return Export(url, str(out), size, round(time.monotonic() - started, 1), total, upr, recs, attempt,
                          dt.datetime.now(dt.timezone.utc).date().isoformat())
        except FetchError as exc:
            if not exc.retry or attempt > retries:
                if attempt > 1:
                    raise FetchError(f"{exc} (tried {attempt} times)", exc.retry) from None
                raise
            if log:
                print(f"upr fetch: try {attempt} failed: {exc}; trying again in {retry_wait:g} s", file=log)
            time.sleep(retry_wait)
        finally:
            part.unlink(missing_ok=True)


def measure(annotations: int = 250_000) -> None:
    """Print what checking a full-size export costs: a synthetic export of
    ``annotations`` annotations in the documented layout (about 1.4 KB each, like the
    real 360 MB file) served from 127.0.0.1 and fetched with every check."""
    import functools
    import http.server
    import json
    import resource
    import threading

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "export-full-en.json"
        with open(source, "w", encoding="utf-8") as fh:
            fh.write("[")
            for n in range(annotations):
                upr = n % 2 == 0
                item = {"AffectedPersons": ["Women & girls", "Persons living in rural areas"],
                        "AnnotationId": f"00000000-0000-4000-8000-{n:012d}",
                        "AnnotationType": "- Recommendations", "Body": "- UPR" if upr else "- CRC",
                        "Countries": ["Togo"], "DocumentId": f"{n:032x}", "PublicationDate": "2025-02-12T00:00:00",
                        "PublicationDateOnUhri": "2025-03-03T10:53:45.827", "Regions": ["Africa"],
                        "Sdgs": ["16.3 - Promote the rule of law at the national and international levels",
                                 "5.1 - End all forms of discrimination against all women and girls everywhere"],
                        "Symbol": "A/HRC/58/9", "Text": f"120.{n} " + "Take measures to strengthen the "
                        "independence of the judiciary and guarantee access to justice for all, " * 8
                        + "(Timor-Leste) (Guinea-Bissau);",
                        "Themes": ["Equality & non-discrimination", "Administration of justice & fair trial"],
                        "UprCycle": "4" if upr else None, "UprPositions": ["Supported"] if upr else [],
                        "UprRecommendingCountry": ["Timor-Leste", "Guinea-Bissau"] if upr else [],
                        "UprRecommendingRegions": ["Asia-Pacific", "Africa"] if upr else [],
                        "UprSession": ["54"] if upr else []}
                fh.write(("," if n else "") + json.dumps(item, ensure_ascii=False))
            fh.write("]")
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=tmp)
        http.server.SimpleHTTPRequestHandler.log_message = lambda *a, **k: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        export = fetch(f"http://127.0.0.1:{server.server_address[1]}/{source.name}", Path(tmp) / "out.json",
                       min_upr=1, retries=0)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        server.shutdown()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"upr fetch uhri, synthetic export of {export.annotations:,} annotations ({export.upr:,} UPR), "
          f"{export.bytes / 1e6:,.1f} MB from 127.0.0.1: {wall:.1f} s wall ({cpu:.1f} s CPU, download and "
          f"server included), {export.bytes / 1e6 / wall:,.0f} MB/s; peak memory of the process "
          f"{after.ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    import sys
    measure(int(sys.argv[1]) if len(sys.argv) > 1 else 250_000)
