"""Stage placeholder; replaced by the time stage implementation."""
from ..records import When


def annotate(a):
    return []


def event_when(a, trigger):
    """The event's own time for the trigger token (placeholder: publication date)."""
    d = a.published.isoformat() if a.published else None
    return When(value=d, start=d, end=d, granularity="day" if d else "unknown",
                basis="published", time=None)
