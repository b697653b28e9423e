"""Which countries a regional overview covers: the CDCC, a UN sub-region, or a list of codes.

A group is named on the command line as ``CDCC`` (the 16 member states, with the 13
associate members reported apart), as a UN M49 sub-region (``Caribbean``), or as a comma list
of ISO alpha-3 codes (``JAM,TTO,BRB``). Every country needs a profile: a shipped one, or one
in a folder the caller names. A country the readiness index has never covered cannot be
ranked, so it is reported with the associate members, outside the comparisons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from strategygen.assess.datasets import cdcc
from strategygen.assess.region.data import EDITION_YEARS, scores
from strategygen.errors import UsageError
from strategygen.inputs.problems import did_you_mean
from strategygen.resources import shipped_dir

GroupKind = Literal["cdcc", "subregion", "list"]

#: The fewest countries a comparison can be made between.
MIN_MEMBERS = 2

_CODE = re.compile(r"^[A-Za-z]{3}$")
_KEY = re.compile(r"[^A-Za-z0-9]+")


@dataclass(frozen=True)
class RegionGroup:
    """The countries of one regional overview and where their profiles are.

    Attributes:
        key: Folder and file name of the overview (``CDCC``, ``Caribbean``, ``BRB-JAM-TTO``).
        name: The group in running text ("the CDCC member states").
        title: The group on the cover and in headings ("CDCC member states").
        kind: ``cdcc``, ``subregion`` or ``list``.
        members: Codes of the countries compared, in alphabetical order of their names.
        outside: Codes reported apart: the CDCC's associate members, or countries of the
            group that no edition of the index covers.
        profiles: Code -> profile file, for every code of ``members`` and ``outside``.
        without_profile: Names of the countries of a sub-region that the index covers but
            that have no profile here (named in the document, not assessed).

    """

    key: str
    name: str
    title: str
    kind: GroupKind
    members: tuple[str, ...]
    outside: tuple[str, ...]
    profiles: Mapping[str, Path]
    without_profile: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code of the group: members first, then the countries reported apart."""
        return self.members + self.outside


def profile_files(folders: Sequence[Path] = ()) -> dict[str, Path]:
    """Return code -> profile file: the shipped profiles, then ``folders`` (which win).

    A file counts when its name is a three-letter code (``JAM.yaml``), as ``strategygen new``
    writes them; the profile itself is checked when it is loaded.
    """
    found: dict[str, Path] = {}
    for folder in (shipped_dir("country_profiles"), *folders):
        if not folder.is_dir():
            raise UsageError(f"profile folder {folder} does not exist")
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            if _CODE.match(path.stem):
                found[path.stem.upper()] = path
    return found


def subregions() -> dict[str, str]:
    """Return every UN sub-region named in the index (lower case -> as spelled)."""
    names: dict[str, str] = {}
    for year in EDITION_YEARS:
        for row in scores(year).values():
            if row.un_region:
                names.setdefault(row.un_region.lower(), row.un_region)
    return dict(sorted(names.items()))


def indexed(code: str) -> bool:
    """Whether any bundled edition of the readiness index covers ``code``."""
    return any(code in scores(year) for year in EDITION_YEARS)


def _country_name(code: str) -> str:
    """Return the name the bundled data gives ``code`` (membership list, else the index)."""
    if code in cdcc():
        return cdcc()[code].name
    for year in reversed(EDITION_YEARS):
        row = scores(year).get(code)
        if row is not None:
            return row.country
    return code


def _sorted(codes: Iterable[str], names: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(sorted(set(codes), key=lambda c: (names.get(c, c), c)))


def _slug(text: str) -> str:
    return _KEY.sub("-", text).strip("-")


def resolve_group(
    spec: str,
    *,
    profile_dirs: Sequence[Path] = (),
    names: Mapping[str, str] | None = None,
    regions: Mapping[str, str] | None = None,
    label: str | None = None,
) -> RegionGroup:
    """Work out the countries of ``spec`` and find each one's profile.

    Args:
        spec: ``CDCC``, a UN sub-region name, or comma-separated ISO alpha-3 codes.
        profile_dirs: Extra folders of profiles (``CODE.yaml``), searched before the shipped.
        names: Code -> country name, to order the members (default: the bundled data's).
        regions: Code -> UN sub-region as each profile records it (for a sub-region group;
            default: the index's sub-region of each country).
        label: A name for the group, replacing the one derived from ``spec`` (also its key).

    Raises:
        UsageError: An unknown group, a code without a profile, or fewer than two countries
            that the readiness index covers.

    """
    text = spec.strip()
    if not text:
        raise UsageError("name a group: CDCC, a UN sub-region such as Caribbean, or codes")
    files = profile_files(profile_dirs)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    kind: GroupKind
    without: tuple[str, ...] = ()
    if text.upper() == "CDCC":
        kind = "cdcc"
        table = cdcc()
        codes = [c for c, row in table.items() if row.status == "member"]
        apart = [c for c, row in table.items() if row.status == "associate member"]
        key, name, title = "CDCC", "the CDCC member states", "CDCC member states"
    elif "," in text or (len(parts) == 1 and _CODE.match(parts[0]) and parts[0].isupper()):
        kind = "list"
        bad = [p for p in parts if not _CODE.match(p)]
        if bad:
            raise UsageError(
                f"{', '.join(repr(b) for b in bad)}: not ISO alpha-3 codes; "
                "give codes such as JAM,TTO,BRB (see 'strategygen list')"
            )
        codes = list(dict.fromkeys(p.upper() for p in parts))
        apart = []
        key = "-".join(sorted(codes))
        name = title = "the group " + ", ".join(sorted(codes))
        title = "Selected countries: " + ", ".join(sorted(codes))
    else:
        kind = "subregion"
        known = subregions()
        spelled = known.get(text.lower())
        if spelled is None:
            hint = did_you_mean(text, list(known.values()))
            raise UsageError(
                f"unknown group {text!r}{hint}{' ' if hint else '. '}"
                f"Use CDCC, comma-separated codes (JAM,TTO,BRB) or a UN sub-region: "
                f"{', '.join(known.values())}"
            )
        home = dict(regions or {})
        index_region = {
            c: r.un_region for y in EDITION_YEARS for c, r in scores(y).items() if r.un_region
        }
        in_region = {c for c, r in index_region.items() if r == spelled}
        # A profile's own sub-region counts too: territories the index never covers.
        in_region |= {c for c, r in home.items() if r == spelled}
        codes = [c for c in in_region if c in files]
        # Named, not coded: the overview prints them in a sentence.
        without = tuple(sorted(_country_name(c) for c in in_region if c not in files))
        apart = []
        key, name, title = _slug(spelled), f"the countries of {spelled}", spelled
    missing = [c for c in [*codes, *apart] if c not in files]
    if missing and kind != "subregion":
        raise UsageError(
            f"no profile for {', '.join(missing)}; create one with 'strategygen new CODE' "
            "and name its folder with --profiles"
        )
    # Countries the index never covered cannot be ranked: they are reported apart.
    members = [c for c in codes if indexed(c)]
    apart = [*apart, *(c for c in codes if not indexed(c))]
    order = {c: _country_name(c) for c in [*members, *apart]}
    order.update(names or {})
    if len(members) < MIN_MEMBERS:
        raise UsageError(
            f"{title}: {len(members)} of its countries with a profile "
            f"{'is' if len(members) == 1 else 'are'} covered by the readiness index; "
            f"a regional overview compares at least {MIN_MEMBERS}"
        )
    if label:
        key = _slug(label) or key
        name = title = label.strip()
    return RegionGroup(
        key=key,
        name=name,
        title=title,
        kind=kind,
        members=_sorted(members, order),
        outside=_sorted(apart, order),
        profiles={c: files[c] for c in [*members, *apart]},
        without_profile=without,
    )
