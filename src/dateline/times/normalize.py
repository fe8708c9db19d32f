"""TIMEX3 type and value of each candidate: the normaliser for each pattern kind.

Values are anchored on the publication date (DCT), the governing verb's tense, or
the previous time expression in the story; see the modules imported below.
"""

from __future__ import annotations

from .absolute import (
    h_full, h_md, h_my, h_month, h_wmd, h_clock, h_decade, h_century, h_fiscal, h_year,
    h_spoken, h_season, h_holiday, h_month_rel_year, h_md_range)
from .periods import (
    h_quarter, h_qn, h_half, h_yearago, h_yq, h_theyear, h_yearend, h_sameago)
from .relative import h_ago, h_rel, h_anaph, h_pod, h_weekday, h_deictic
from .durations import h_relnum, h_dur, h_plural, h_set
from .context import Context, Result  # noqa: F401 - the types callers see

# The normalisers by the name the rules file (timex_rules.tsv) gives in its normaliser column.
HANDLERS = {
    "full": h_full, "md": h_md,
    "my": h_my, "month": h_month, "clock": h_clock, "decade": h_decade, "century": h_century,
    "quarter": h_quarter, "qn": h_qn, "half": h_half, "yearago": h_yearago, "fiscal": h_fiscal,
    "year": h_year, "season": h_season, "holiday": h_holiday, "relnum": h_relnum, "ago": h_ago,
    "dur": h_dur, "plural": h_plural, "rel": h_rel, "anaph": h_anaph, "pod": h_pod,
    "weekday": h_weekday, "set": h_set, "deictic": h_deictic, "wmd": h_wmd, "spoken": h_spoken,
    "month_rel_year": h_month_rel_year, "md_range": h_md_range, "theyear": h_theyear, "sameago": h_sameago, "yq": h_yq, "yearend": h_yearend,
}


def register(name: str, fn) -> None:
    """Make `fn(ctx, candidate, match) -> Result | None` usable as normaliser `name` in rules."""
    HANDLERS[name] = fn
