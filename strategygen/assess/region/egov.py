"""E-government and connectivity side by side: the UN E-Government Survey and Internet use.

The E-Government Development Index (EGDI, 0-1) is the mean of three parts: online services
(OSI), telecommunication infrastructure (TII) and human capital (HCI). Internet use is the
World Bank's share of the population using the Internet, each figure with its own year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import fmean

from strategygen.assess.region.data import EGDI_YEAR, egdi, internet_use
from strategygen.assess.region.model import Egov, EgovRow
from strategygen.assess.region.sources import SourceBook

#: An Internet figure older than this many years before the survey edition is not printed as
#: the member's connectivity (the WDI's latest value for some territories is from 1990).
STALE_YEARS = 10


def _years(years: Sequence[int]) -> str:
    if not years:
        return ""
    low, high = min(years), max(years)
    return str(low) if low == high else f"{low}\u2013{high}"


def e_government(members: Sequence[str], names: Mapping[str, str], book: SourceBook) -> Egov:
    """Each member's EGDI and its parts next to its Internet use, highest EGDI first."""
    survey = egdi(EGDI_YEAR)
    web = internet_use()
    rows = []
    for code in members:
        e = survey.get(code)
        w = web.get(code)
        stale = w.year if w is not None and w.year < EGDI_YEAR - STALE_YEARS else None
        if stale is not None:
            w = None
        rows.append(
            EgovRow(
                code=code,
                name=names[code],
                egdi=e.egdi if e else None,
                osi=e.osi if e else None,
                tii=e.tii if e else None,
                hci=e.hci if e else None,
                rank=e.rank if e else None,
                internet=w.value if w else None,
                internet_year=w.year if w else None,
                internet_stale=stale,
            )
        )
    rows.sort(key=lambda r: (r.egdi is None, -(r.egdi or 0.0), r.name))
    egdis = [r.egdi for r in rows if r.egdi is not None]
    webs = [r.internet for r in rows if r.internet is not None]
    return Egov(
        edition=EGDI_YEAR,
        ranked=sum(1 for e in survey.values() if e.egdi is not None),
        rows=tuple(rows),
        egdi_mean=round(fmean(egdis), 4) if egdis else None,
        internet_mean=round(fmean(webs), 1) if webs else None,
        internet_years=_years([r.internet_year for r in rows if r.internet_year is not None]),
        egdi_ref=book.dataset("egdi2024", "e-government scores 2024"),
        internet_ref=book.dataset("wdi", "Internet use and population"),
    )
