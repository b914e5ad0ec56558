"""Reading and writing the raw archive (gzipped WARC, one gzip member per record).

Writing goes through warcio; every response gets a request record and a response record.
Reading tolerates what crashes leave behind: a truncated last record ends the iteration
with a warning instead of losing the records before it.
"""
from __future__ import annotations

import hashlib
import io
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)

# Headers that describe the transfer, not the payload we store (Scrapy hands us de-chunked bodies).
_DROP_HEADERS = {"transfer-encoding", "content-length"}


class WarcReadError(RuntimeError):
    pass


def _warc_date(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcFile:
    """Append-only writer; `write_response` returns the response record's byte offset."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True)

    def write_response(self, url: str, status: int, headers: list[tuple[str, str]], body: bytes,
                       fetched_at: datetime, request_headers: list[tuple[str, str]] | None = None,
                       method: str = "GET", reason: str = "") -> int:
        date = _warc_date(fetched_at)
        kept = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason or 'OK'}".strip(), kept, protocol="HTTP/1.1")
        self._fh.seek(0, io.SEEK_END)
        offset = self._fh.tell()
        resp = self._writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": date})
        self._writer.write_record(resp)
        req_http = StatusAndHeaders(f"{method} {url} HTTP/1.1", request_headers or [], is_http_request=True)
        req = self._writer.create_warc_record(url, "request", http_headers=req_http,
                                              warc_headers_dict={"WARC-Date": date,
                                                                 "WARC-Concurrent-To": resp.rec_headers.get_header("WARC-Record-ID")})
        self._writer.write_record(req)
        self._fh.flush()
        return offset

    def close(self) -> None:
        self._fh.close()


def _decode_payload(raw: bytes, headers: dict) -> bytes:
    """Undo transfer and content encodings; the hash stays over the stored bytes."""
    data = raw
    try:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            data = ChunkedDataReader(io.BytesIO(data)).read()
        encoding = headers.get("content-encoding", "").lower().strip()
        if encoding in ("gzip", "x-gzip", "deflate", "br"):
            data = DecompressingBufferedReader(io.BytesIO(data), decomp_type=encoding.replace("x-", "")).read()
    except Exception as exc:  # a damaged payload is still worth extracting as it is
        log.warning("could not decode payload (%s); using the stored bytes", exc)
    return data


def _record_dict(record, path: str, offset) -> dict:
    raw = record.raw_stream.read()
    if callable(offset):  # ArchiveIterator.get_record_offset() consumes the payload: ask after reading it
        offset = offset()
    http = record.http_headers
    headers = {k.lower(): v for k, v in http.headers} if http else {}
    body = _decode_payload(raw, headers)
    for h in ("transfer-encoding", "content-encoding", "content-length"):
        headers.pop(h, None)
    date = record.rec_headers.get_header("WARC-Date")
    fetched = datetime.fromisoformat(date.replace("Z", "+00:00")) if date else None
    status = int(http.get_statuscode()) if http and http.get_statuscode() else 0
    url = record.rec_headers.get_header("WARC-Target-URI")
    return {"url": url, "final_url": url, "status": status, "headers": headers,
            "body": body, "fetched_at": fetched, "warc_file": path, "warc_offset": offset,
            "content_hash": hashlib.sha1(raw).hexdigest(), "length": len(raw),
            "content_type": headers.get("content-type")}


def iter_responses(path: str | Path, stored_name: str | None = None) -> Iterator[dict]:
    """Yield each HTTP response record as a dict. Raises WarcReadError if the file is not a WARC."""
    path = Path(path)
    name = stored_name or str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise WarcReadError(f"cannot open {path}: {exc.strerror}") from exc
    count = 0
    with fh:
        head = fh.read(5)
        fh.seek(0)
        if not (head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/")):
            raise WarcReadError(f"{path} is not a readable WARC file (it starts with {head!r}); check the path")
        try:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type != "response":
                    continue
                count += 1
                yield _record_dict(record, name, it.get_record_offset)
        except ArchiveLoadFailed as exc:
            if count == 0:
                raise WarcReadError(f"{path} is not a readable WARC file ({exc}); check the path") from exc
            log.warning("%s: stopped after %d records: %s", path, count, exc)
        except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on a record cut short by a killed writer
            if count == 0:
                raise WarcReadError(f"{path} is not a readable WARC file ({exc}); check the path") from exc
            log.warning("%s: truncated after %d records (%s); the records before it were read", path, count, exc)


def read_response(path: str | Path, offset: int) -> dict:
    with open(path, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        return _record_dict(record, str(path), offset)
