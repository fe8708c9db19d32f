"""What every reader produces: the article text, its metadata, and what was skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..records import Boilerplate, Meta


@dataclass
class Article:
    text: str
    meta: Meta
    id: Optional[str] = None  # the caller's id, if any
    boilerplate: list[Boilerplate] = field(default_factory=list)
    origin: str = ""  # where it came from: "path" or "path:line"
    encoding: Optional[str] = None  # how the input's bytes were decoded, when it came as bytes


@dataclass
class Skipped:
    origin: str  # the input that was skipped: a path, or "path:line"
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class InputError(ValueError):
    """An input that cannot be read as an article; the message says why."""
