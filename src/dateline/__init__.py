"""Dateline: news articles in, evidence-linked event records out."""

__version__ = "0.1.0"


def extract(text, published=None, **kw):
    """Extract a document record from plain text; see `dateline.pipeline.extract`."""
    from .pipeline import extract as _extract

    return _extract(text, published, **kw)


def load(model=None):
    """Load the pipeline once (default English model unless `model` names another)."""
    from .pipeline import load as _load

    return _load(model) if model else _load()


def __getattr__(name):
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
