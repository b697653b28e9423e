"""The overview's sources annex: bundled datasets and the profiles' own sources, numbered.

Every figure and status the overview prints is cited as ``[n]``. A source that several
profiles list with the same title, publisher, year and address is one entry, however many
members cite it; each entry says what the overview takes from it and for which members.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from strategygen.assess.datasets.catalogue import as_source
from strategygen.assess.region.model import SourceEntry
from strategygen.inputs.profile import CountryProfile, Source

#: Published work the overview cites for regional precedents (not data it computes from).
REFERENCES: dict[str, dict[str, object]] = {
    "hipcar": {
        "title": (
            "HIPCAR: Enhancing Competitiveness in the Caribbean through the Harmonization of ICT "
            "Policies, Legislation and Regulatory Procedures (model policy guidelines and "
            "legislative texts, 2008-2013)"
        ),
        "publisher": "International Telecommunication Union and European Commission",
        "year": 2013,
        "url": "https://www.itu.int/en/ITU-D/Projects/ITU-EC-ACP/HIPCAR/Pages/default.aspx",
    },
}


@dataclass
class _Entry:
    source: Source
    topics: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


def _join(words: list[str]) -> str:
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


class SourceBook:
    """Numbers sources in the order they are first cited."""

    def __init__(self) -> None:
        """Start an empty book."""
        self._entries: list[_Entry] = []
        self._by_key: dict[tuple[object, ...], int] = {}

    def _add(self, source: Source, topic: str, member: str | None) -> int:
        key = (source.title, source.publisher, source.year, source.url)
        if key not in self._by_key:
            self._entries.append(_Entry(source))
            self._by_key[key] = len(self._entries)
        number = self._by_key[key]
        entry = self._entries[number - 1]
        if topic not in entry.topics:
            entry.topics.append(topic)
        if member is not None and member not in entry.members:
            entry.members.append(member)
        return number

    def dataset(self, dataset_id: str, topic: str) -> int:
        """Cite a bundled dataset for ``topic``; return its number."""
        return self._add(as_source(dataset_id), topic, None)

    def reference(self, key: str, topic: str) -> int:
        """Cite a published reference (a regional precedent) for ``topic``; return its number."""
        return self._add(Source.model_validate({"id": key, **REFERENCES[key]}), topic, None)

    def profile(self, profile: CountryProfile, source_id: str | None, topic: str) -> int | None:
        """Cite the profile's source ``source_id`` for ``topic``; None if it has no such source."""
        if source_id is None:
            return None
        found = next((s for s in profile.sources if s.id == source_id), None)
        if found is None:
            return None
        return self._add(found, topic, profile.identity.name)

    def entries(self) -> tuple[SourceEntry, ...]:
        """Return the numbered entries, each saying what it is cited for."""
        out = []
        for number, entry in enumerate(self._entries, start=1):
            used = _join(entry.topics)
            if entry.members:
                used += f" ({_join(entry.members)})"
            s = entry.source
            out.append(
                SourceEntry(
                    number=number,
                    title=s.title,
                    publisher=s.publisher,
                    year=s.year,
                    url=s.url,
                    licence=s.licence,
                    used_for=(used,),
                )
            )
        return tuple(out)
