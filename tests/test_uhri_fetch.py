"""``upr fetch uhri``: the UHRI export is used only when it arrived whole.

A real HTTP server on 127.0.0.1 (http.server in a thread) serves a small export in
the documented JSON layout, and misbehaves in the ways a 360 MB download does: an
HTTP error, a connection cut half-way (with and without Content-Length), a body
shorter than announced, truncated JSON, an HTML error page, a stalled transfer.
Every failure must leave the output file as it was and say why, in words."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import run_upr
from upr import uhri_download as dl


def annotation(n: int, body: str = "- UPR", kind: str = "- Recommendations") -> dict:
    """One annotation in the UHRI JSON layout (values inside lists carry no "- "; Body and AnnotationType do)."""
    return {
        "AffectedPersons": ["Women & girls"], "AnnotationId": f"00000000-0000-4000-8000-{n:012d}",
        "AnnotationType": kind, "Body": body, "Countries": ["Togo"], "DocumentId": f"doc-{n}",
        "PublicationDate": "2025-02-12T00:00:00", "PublicationDateOnUhri": "2025-03-03T10:53:45.827",
        "Regions": ["Africa"], "Sdgs": ["16.3 - Promote the rule of law"], "Symbol": "A/HRC/58/9",
        "Text": f"140.{n} Ratify the Optional Protocol (Timor-Leste);", "Themes": ["Equality & non-discrimination"],
        "UprCycle": "4" if body == "- UPR" else None, "UprPositions": ["Supported"],
        "UprRecommendingCountry": ["Timor-Leste"], "UprRecommendingRegions": ["Asia-Pacific"],
        "UprSession": ["54"] if body == "- UPR" else [],
    }


EXPORT = json.dumps([annotation(1), annotation(2), annotation(3, kind="- Concerns/Observations"),
                     annotation(4, body="- CRC")], ensure_ascii=False, indent=1).encode("utf-8")
FEW = json.dumps([annotation(1), annotation(4, body="- CRC")]).encode("utf-8")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: Counter = Counter()

    def log_message(self, *args):  # keep pytest's output clean
        pass

    def send(self, body: bytes, length: int | None = None, ctype: str = "application/json", status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def cut(self):
        """Close the TCP connection at once (what a dropped connection looks like)."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True

    def do_GET(self):  # noqa: C901 (one branch per kind of failure)
        Handler.hits[self.path] += 1
        half = len(EXPORT) // 2
        if self.path == "/export.json":
            self.send(EXPORT)
        elif self.path == "/chunked.json":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (EXPORT[:half], EXPORT[half:]):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/cut.json":             # announces the whole export, sends half, hangs up
            self.send(EXPORT[:half], length=len(EXPORT))
            self.cut()
        elif self.path == "/cut-chunked.json":     # no Content-Length: the chunked stream stops half-way
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"%x\r\n%s\r\n" % (half, EXPORT[:half]))
            self.cut()
        elif self.path == "/cut-no-length.json":   # HTTP/1.0 style: no length at all, the body just stops
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(EXPORT[:half])
            self.close_connection = True
        elif self.path == "/truncated.json":       # a complete HTTP answer whose JSON stops half-way
            self.send(EXPORT[:half])
        elif self.path == "/error.json":
            self.send(b"Internal Server Error", ctype="text/plain", status=500)
        elif self.path == "/missing.json":
            self.send(b"Not Found", ctype="text/plain", status=404)
        elif self.path == "/maintenance.json":
            self.send(b"<!DOCTYPE html>\n<html><body>Site under maintenance</body></html>", ctype="text/html")
        elif self.path == "/few.json":
            self.send(FEW)
        elif self.path == "/garbage.json":
            self.send(EXPORT + b"\n]{")
        elif self.path == "/object.json":
            self.send(b'{"annotations": []}')
        elif self.path == "/big.json":
            self.send(EXPORT, length=10 ** 9)
            self.cut()
        elif self.path == "/slow.json":            # 10 bytes every 0.2 s: alive, but far too slow
            self.send_response(200)
            self.send_header("Content-Length", str(len(EXPORT)))
            self.end_headers()
            for i in range(0, 60, 10):
                self.wfile.write(EXPORT[i:i + 10])
                self.wfile.flush()
                time.sleep(0.2)
            self.cut()
        elif self.path == "/stall.json":           # headers, then silence
            self.send_response(200)
            self.send_header("Content-Length", str(len(EXPORT)))
            self.end_headers()
            self.wfile.flush()
            time.sleep(2)
            self.cut()
        else:
            self.send(b"?", status=400)


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def fetch(url: str, out: Path, **kw):
    kw.setdefault("min_upr", 3)
    kw.setdefault("retries", 0)
    return dl.fetch(url, out, **kw)


@pytest.mark.parametrize("path", ["/export.json", "/chunked.json"])
def test_a_whole_export_is_written_and_counted(server, tmp_path, path):
    out = tmp_path / "uhri" / "export-full-en.json"
    export = fetch(server + path, out)
    assert out.read_bytes() == EXPORT
    assert (export.bytes, export.annotations, export.upr, export.upr_recommendations) == (len(EXPORT), 4, 3, 2)
    assert export.tries == 1
    assert [p.name for p in out.parent.iterdir()] == ["export-full-en.json"]  # no temporary file left


FAILURES = [
    ("/error.json", "the server answered HTTP 500 (Internal Server Error)"),
    ("/missing.json", "the server answered HTTP 404 (Not Found)"),
    ("/cut.json", f"the connection ended after 0.0 MB of the 0.0 MB the server announced "
                  f"({len(EXPORT) // 2:,} of {len(EXPORT):,} bytes): the download was cut"),
    ("/cut-chunked.json", "the connection ended in the middle of the download"),
    ("/cut-no-length.json", "the file ends in the middle of the JSON, after 1 complete annotations"),
    ("/truncated.json", "the file ends in the middle of the JSON, after 1 complete annotations "
                        "(parse error: premature EOF): the download was cut"),
    ("/maintenance.json", "the file is an HTML page, not the export: it starts with «<!DOCTYPE html> <html>"),
    ("/object.json", "the file is not a JSON list of annotations: it starts with «{\"annotations\": []}»"),
    ("/garbage.json", "the file is not valid JSON after 4 complete annotations (parse error: trailing garbage)"),
    ("/few.json", "the export is complete JSON but has only 1 UPR annotations (2 in all); a full export has far "
                  "more than 3. OHCHR probably served a partial export, or changed its layout"),
    ("/big.json", "the server announced 1,000.0 MB, more than the limit of 2,000.0 MB".replace("2,000.0", "0.5")),
]


@pytest.mark.parametrize("path, message", FAILURES)
def test_a_failed_or_partial_download_leaves_the_file_as_it_was(server, tmp_path, path, message):
    out = tmp_path / "export-full-en.json"
    out.write_text("last week's export\n", encoding="utf-8")
    with pytest.raises(dl.FetchError) as err:
        fetch(server + path, out, max_bytes=500_000)
    assert message in str(err.value)
    assert out.read_text(encoding="utf-8") == "last week's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export-full-en.json"]


def test_a_download_that_outlives_its_time_limit_is_stopped(server, tmp_path):
    with pytest.raises(dl.FetchError) as err:
        fetch(server + "/slow.json", tmp_path / "x.json", max_seconds=0.3)
    assert str(err.value).startswith("the download took longer than 0.3 seconds and was stopped after 0.0 MB")
    assert err.value.retry and list(tmp_path.iterdir()) == []


def test_a_server_that_goes_silent_is_given_up(server, tmp_path):
    with pytest.raises(dl.FetchError) as err:
        fetch(server + "/stall.json", tmp_path / "x.json", read_timeout=0.5)
    assert "127.0.0.1 sent nothing for 0.5 seconds, after 0.0 MB: the download was stopped" in str(err.value)


def test_no_server_at_all(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(dl.FetchError) as err:
        fetch(f"http://127.0.0.1:{port}/export.json", tmp_path / "x.json")
    assert str(err.value).startswith("could not connect to 127.0.0.1 (")
    assert err.value.retry


def test_only_web_addresses(tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_bytes(EXPORT)
    with pytest.raises(dl.FetchError) as err:
        fetch(secret.as_uri(), tmp_path / "x.json")
    assert "is not a web address" in str(err.value)
    assert not (tmp_path / "x.json").exists()


def test_server_errors_are_tried_again_and_bad_exports_are_not(server, tmp_path):
    Handler.hits.clear()
    with pytest.raises(dl.FetchError) as err:
        fetch(server + "/error.json", tmp_path / "x.json", retries=2, retry_wait=0)
    assert str(err.value).endswith("(tried 3 times)")
    with pytest.raises(dl.FetchError):
        fetch(server + "/few.json", tmp_path / "x.json", retries=2, retry_wait=0)
    with pytest.raises(dl.FetchError):
        fetch(server + "/missing.json", tmp_path / "x.json", retries=2, retry_wait=0)
    assert (Handler.hits["/error.json"], Handler.hits["/few.json"], Handler.hits["/missing.json"]) == (3, 1, 1)


def test_the_command_says_what_happened_in_the_run_summary(server, tmp_path):
    summary = tmp_path / "summary.md"
    out = tmp_path / "export.json"
    bad = run_upr("fetch", "uhri", "--url", server + "/cut.json", "--out", str(out), "--min-upr", "3",
                  "--retries", "0", "--summary", str(summary), cwd=tmp_path)
    assert bad.returncode == 1, bad.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## UHRI import: the download failed\n\nThe UHRI export could not be used: "
                           "the connection ended after 0.0 MB of the 0.0 MB the server announced")
    assert "**Nothing was imported and the repository is unchanged** (no branch, no pull request)." in text
    assert f"Nothing was written to {out}." in bad.stderr and not out.exists()

    summary.unlink()
    report = tmp_path / "download.json"
    good = run_upr("fetch", "uhri", "--url", server + "/export.json", "--out", str(out), "--min-upr", "3",
                   "--summary", str(summary), "--report", str(report), cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert out.read_bytes() == EXPORT
    assert summary.read_text(encoding="utf-8").startswith(
        "Downloaded the UHRI export (0.0 MB in ")
    assert "4 annotations, 3 of them from the UPR (2 recommendations). The JSON is complete." in good.stdout
    figures = json.loads(report.read_text(encoding="utf-8"))
    assert (figures["annotations"], figures["upr"], figures["url"]) == (4, 3, server + "/export.json")


def test_the_default_threshold_refuses_a_small_export(server, tmp_path):
    """Without --min-upr the command wants a full export: the 4-annotation fixture is refused."""
    result = run_upr("fetch", "uhri", "--url", server + "/export.json", "--out", str(tmp_path / "x.json"),
                     "--summary", str(tmp_path / "s.md"), cwd=tmp_path)
    assert result.returncode == 1
    assert "has only 3 UPR annotations (4 in all); a full export has far more than 20,000" in result.stderr
