"""Turn a POST /api/articles body into Articles (or Skipped items with reasons).

The same readers as the CLI are used, so an article gives the same record
whether it came through the API or a file. A body that cannot be read at all
is a 4xx with a message; one unreadable line in a batch is reported and the
rest go on.
"""

from __future__ import annotations

import json
from typing import Optional, Union

from fastapi import HTTPException
from pydantic import ValidationError

from ..ingest.article import Article, InputError, Skipped
from .models import MAX_BATCH, ArticleIn, BatchIn

Item = Union[Article, Skipped]


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise HTTPException(400, f"body is not UTF-8: {e}")


def _article(record: dict, origin: str) -> Item:
    from ..ingest import dates
    from ..ingest.jsonl import article_from_record

    if record.get("published") and dates.normalise(record["published"]) is None:
        return Skipped(origin, f"publication date not understood: {record['published']!r}")
    try:
        return article_from_record(record, origin)
    except InputError as e:
        return Skipped(origin, str(e))


def _one(fields: ArticleIn, origin: str) -> Item:
    if (fields.text is None) == (fields.html is None):
        return Skipped(origin, 'give exactly one of "text" or "html"')
    return _article(fields.model_dump(exclude_none=True), origin)


def parse_submission(body: bytes, content_type: str, defaults: dict[str, Optional[str]]) -> list[Item]:
    ctype = content_type.split(";")[0].strip().lower()
    if not body.strip():
        raise HTTPException(422, "empty body: send an article (JSON, JSON Lines, text or HTML)")
    if ctype == "application/json":
        return _json(_decode(body))
    if ctype in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return _jsonl(_decode(body))
    if ctype in ("text/plain", "text/html"):
        return [_raw(_decode(body), ctype, defaults)]
    raise HTTPException(415, f"unsupported content type {ctype or '(none)'!r}: use application/json, "
                             "application/x-ndjson, text/plain or text/html")


def _json(text: str) -> list[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise HTTPException(422, f"body is not valid JSON: {e}")
    except RecursionError:
        raise HTTPException(422, "body is not an article: JSON nested too deeply") from None
    try:
        if isinstance(data, dict) and "articles" in data:
            batch = BatchIn.model_validate(data)
            return [_one(a, f"articles[{i}]") for i, a in enumerate(batch.articles)]
        return [_one(ArticleIn.model_validate(data), "article")]
    except ValidationError as e:
        msgs = "; ".join(f"{'.'.join(str(x) for x in err['loc']) or 'body'}: {err['msg']}" for err in e.errors())
        raise HTTPException(422, f"invalid article: {msgs}")


def _jsonl(text: str) -> list[Item]:
    items: list[Item] = []
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > MAX_BATCH:
        raise HTTPException(413, f"too many articles: {len(lines)} lines (limit {MAX_BATCH} a request)")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        origin = f"line {n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            items.append(Skipped(origin, f"not valid JSON: {e}"))
            continue
        except RecursionError:
            items.append(Skipped(origin, "JSON nested too deeply"))
            continue
        if not isinstance(record, dict):
            items.append(Skipped(origin, f"not a JSON object but a JSON {type(record).__name__}"))
            continue
        try:
            items.append(_one(ArticleIn.model_validate(record), origin))
        except ValidationError as e:
            items.append(Skipped(origin, "; ".join(
                f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}" for err in e.errors())))
    return items


def _raw(text: str, ctype: str, defaults: dict) -> Item:
    if not any(ch.isalpha() for ch in text):
        raise HTTPException(422, "the body has no words: send an article's text or HTML")
    record = {k: v for k, v in defaults.items() if v}
    record["html" if ctype == "text/html" else "text"] = text
    return _article(record, "body")
