"""Comparison groups that fit the country, and their means computed from the bundled data.

Every country is compared with its UN M49 sub-region, the wider M49 region above it, its
World Bank income group and the world. The CDCC members' group is added only for CDCC
members and associate members, and "Latin America and the Caribbean" (the wider region of
the Caribbean, Central and South America) only for countries in that region, so a draft for
Mauritius or Germany never measures itself against Caribbean bodies.

One group is the *peer group* that relative targets and rule thresholds use: the CDCC members
for CDCC countries (their regional committee), otherwise the sub-region, or the next wider
group when the sub-region has too few countries in the edition to make a mean meaningful.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from strategygen.assess.datasets import cdcc
from strategygen.assess.datasets.indicators import wdi
from strategygen.assess.datasets.readiness import Scores, scores
from strategygen.i18n import country_name, current
from strategygen.i18n.catalog import N_, gettext, pgettext
from strategygen.inputs.profile import iso3166_pairs
from strategygen.names import contract, in_text

# UN M49: the region directly above each sub-region (or intermediate region) that the
# readiness files record. Sub-Saharan Africa and Latin America and the Caribbean are M49
# sub-regions whose intermediate regions the files name.
WIDER_REGION: dict[str, str] = {
    "Eastern Africa": "Sub-Saharan Africa",
    "Middle Africa": "Sub-Saharan Africa",
    "Southern Africa": "Sub-Saharan Africa",
    "Western Africa": "Sub-Saharan Africa",
    "Northern Africa": "Africa",
    "Caribbean": "Latin America and the Caribbean",
    "Central America": "Latin America and the Caribbean",
    "South America": "Latin America and the Caribbean",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
LAC = "Latin America and the Caribbean"
LAC_SUBREGIONS = frozenset(k for k, v in WIDER_REGION.items() if v == LAC)
# The sub-regions each wider region spans. Northern Africa's region is all of Africa and
# Northern America's all of the Americas, so those two take in the neighbouring groups too.
REGION_PARTS: dict[str, frozenset[str]] = {
    region: frozenset(k for k, v in WIDER_REGION.items() if v == region)
    for region in set(WIDER_REGION.values())
}
REGION_PARTS["Africa"] = REGION_PARTS["Africa"] | REGION_PARTS["Sub-Saharan Africa"]
REGION_PARTS["Americas"] = REGION_PARTS["Americas"] | LAC_SUBREGIONS

# A mean over fewer countries than this (the country itself included) says little about a
# region; the peer group then moves up to the next wider group.
MIN_PEERS = 5

INCOME_LABELS: dict[str, str] = {
    "High income": N_("High-income countries"),
    "Upper middle income": N_("Upper-middle-income countries"),
    "Lower middle income": N_("Lower-middle-income countries"),
    "Low income": N_("Low-income countries"),
}
# Each income group as the World Bank names it, in a group's definition.
INCOME_NAMES: dict[str, str] = {
    "High income": N_("high income"),
    "Upper middle income": N_("upper middle income"),
    "Lower middle income": N_("lower middle income"),
    "Low income": N_("low income"),
}
# The table heading of each income group's mean.
INCOME_COLUMNS: dict[str, str] = {
    "High income": N_("High-income mean"),
    "Upper middle income": N_("Upper-middle-income mean"),
    "Lower middle income": N_("Lower-middle-income mean"),
    "Low income": N_("Low-income mean"),
}

# The UN M49 names the groups print, marked for translation (pgettext "region").
_M49_NAMES = (
    N_("Latin America and the Caribbean"),
    N_("Caribbean"),
    N_("Central America"),
    N_("South America"),
    N_("Northern America"),
    N_("Americas"),
    N_("Eastern Africa"),
    N_("Middle Africa"),
    N_("Southern Africa"),
    N_("Western Africa"),
    N_("Northern Africa"),
    N_("Sub-Saharan Africa"),
    N_("Africa"),
    N_("Central Asia"),
    N_("Eastern Asia"),
    N_("South-eastern Asia"),
    N_("Southern Asia"),
    N_("Western Asia"),
    N_("Asia"),
    N_("Eastern Europe"),
    N_("Northern Europe"),
    N_("Southern Europe"),
    N_("Western Europe"),
    N_("Europe"),
    N_("Australia and New Zealand"),
    N_("Melanesia"),
    N_("Micronesia"),
    N_("Polynesia"),
    N_("Oceania"),
)


def region_name(name: str) -> str:
    """Return a UN M49 region's name in the document's language."""
    return gettext(name)


@dataclass(frozen=True)
class Group:
    """A comparison group: who is in it, and how the document names it."""

    key: str
    """``cdcc``, ``subregion``, ``lac`` (the region, for Latin America and the Caribbean) or
    ``region``, ``income`` or ``world``."""
    label: str
    """Its name in running text, for instance ``Eastern Africa`` or ``CDCC members``."""
    column: str
    """A short table heading, for instance ``Eastern Africa mean``."""
    definition: str
    """How membership is decided, with its source."""
    source: str
    """Catalogue id of the dataset that defines membership."""
    test: Callable[[Scores], bool]

    @property
    def phrase(self) -> str:
        """The group in running text, as in "the mean for {phrase}"."""
        if self.key == "income":
            return self.label[0].lower() + self.label[1:]
        return self.label

    @property
    def named(self) -> str:
        """The group in running text with the article it takes ("los miembros del CDCC").

        For a sentence that puts it after a preposition that never contracts with an
        article ("para", "pour", "voor") or after a colon. English writes the label
        ("CDCC members", "Eastern Africa"), an income group in lower case.
        """
        lang = current().code
        if self.key == "cdcc":
            return pgettext("group", "CDCC members")
        if self.key == "income":
            return pgettext("income_group", "%(group)s") % {"group": self.phrase}
        if self.key == "world":
            return self.label
        return in_text(self.label, lang)

    @property
    def for_phrase(self) -> str:
        """The peer group after a mean ("for CDCC members"), with each language's preposition.

        "the mean of 47.16 for CDCC members" reads "la media de 47.16 de los miembros del
        CDCC", "la moyenne de 47,16 des membres du CDCC", "het gemiddelde van 47,16 van de
        leden van het CDCC": the rule texts put it after the figure.
        """
        lang = current().code
        if self.key == "cdcc":
            return pgettext("group_for", "for CDCC members")
        if self.key == "world":
            return gettext("for the world")
        if self.key == "income":
            return pgettext("income_group_for", "for %(group)s") % {"group": self.phrase}
        text = gettext("for %(region)s") % {"region": in_text(self.label, lang)}
        return contract(text, (self.label,), lang)

    @property
    def mean_for(self) -> str:
        """The mean for CDCC members, in the document's language, as one noun phrase.

        Each language gives the group the article and the preposition it takes ("la media
        de los miembros del CDCC", "la moyenne des Caraïbes", "het gemiddelde van de
        landen met een hoger middeninkomen"), which a template cannot add to a bare label.
        """
        lang = current().code
        if self.key == "cdcc":
            return gettext("the mean for CDCC members")
        if self.key == "world":
            return gettext("the mean for the world")
        if self.key == "income":
            return pgettext("income_group", "the mean for %(group)s") % {"group": self.phrase}
        # A region's name takes its own article ("el Caribe", "les Caraïbes"), then the
        # preposition contracts with it ("del Caribe", "des Caraïbes").
        text = gettext("the mean for %(region)s") % {"region": in_text(self.label, lang)}
        return contract(text, (self.label,), lang)


def _income(code: str) -> str | None:
    row = wdi().get(code)
    return row.income_group if row is not None and row.income_group else None


def subregion_of(code: str, declared: str | None = None) -> str | None:
    """Return the country's UN M49 sub-region: the profile's, else the readiness files'."""
    if declared:
        return declared
    for year in sorted((2025, 2024, 2023, 2022), reverse=True):
        row = scores(year).get(code)
        if row is not None:
            return row.un_region
    return None


def comparison_groups(code: str, cdcc_status: str, declared_region: str | None) -> list[Group]:
    """Return the groups a country is compared with, closest first, the world last."""
    groups: list[Group] = []
    members = frozenset(c for c, row in cdcc().items() if row.status == "member")
    if cdcc_status in ("member", "associate member"):
        groups.append(
            Group(
                "cdcc",
                gettext("CDCC members"),
                gettext("CDCC mean"),
                gettext(
                    "the 16 member states of ECLAC's Caribbean Development and Cooperation "
                    "Committee"
                ),
                "eclac-cdcc",
                lambda r: r.iso3 in members,
            )
        )
    sub = subregion_of(code, declared_region)
    if sub is not None:
        groups.append(
            Group(
                "subregion",
                region_name(sub),
                gettext("%(group)s mean") % {"group": region_name(sub)},
                gettext("countries of the UN M49 sub-region %(name)s") % {"name": region_name(sub)},
                "gairi2025",
                lambda r: r.un_region == sub,
            )
        )
        region = WIDER_REGION.get(sub)
        if region is not None:
            parts = REGION_PARTS[region]
            column = (
                gettext("LAC mean")
                if region == LAC
                else gettext("%(group)s mean") % {"group": region_name(region)}
            )
            groups.append(
                Group(
                    "lac" if region == LAC else "region",
                    region_name(region),
                    column,
                    gettext("countries of the UN M49 region %(name)s (%(parts)s)")
                    % {
                        "name": region_name(region),
                        "parts": ", ".join(region_name(x) for x in sorted(parts)),
                    },
                    "gairi2025",
                    lambda r: r.un_region in parts,
                )
            )
    income = _income(code)
    if income is not None:
        label = gettext(INCOME_LABELS.get(income, income))
        groups.append(
            Group(
                "income",
                label,
                gettext(INCOME_COLUMNS.get(income, "%(group)s mean")) % {"group": label},
                gettext("World Bank income group: %(income)s")
                % {
                    "income": gettext(INCOME_NAMES[income])
                    if income in INCOME_NAMES
                    else income.lower()
                },
                "wdi",
                lambda r: _income(r.iso3) == income,
            )
        )
    groups.append(
        Group(
            "world",
            gettext("the world"),
            gettext("World mean"),
            gettext("every country in the edition"),
            "gairi2025",
            _all,
        )
    )
    return groups


def _all(_: Scores) -> bool:
    return True


# Members and means depend only on the bundled editions and on what the group's
# ``definition`` names (its sub-region, region or income group), never on the profile,
# so every document of a process shares them. Each document builds its own Group
# objects (their tests are closures), hence the key of key, definition and year.
_MEMBERS: dict[tuple[str, str, int], tuple[Scores, ...]] = {}
_MEANS: dict[tuple[str, str, int, str], GroupStat] = {}


def members(group: Group, year: int) -> tuple[Scores, ...]:
    """Return the group's countries that the edition of ``year`` covers, by name."""
    key = (group.key, group.definition, year)
    found = _MEMBERS.get(key)
    if found is None:
        rows = [r for r in scores(year).values() if group.test(r)]
        found = _MEMBERS[key] = tuple(sorted(rows, key=lambda r: r.country))
    return found


def peer_group(groups: Sequence[Group], year: int) -> Group:
    """Return the group relative targets use: CDCC, else the closest with enough countries."""
    for group in groups:
        if group.key == "cdcc" or len(members(group, year)) >= MIN_PEERS:
            return group
    return groups[-1]


@dataclass(frozen=True)
class GroupStat:
    """One group's mean of one measure in one edition."""

    key: str
    mean: float | None
    """Unweighted mean over the members with a value; None when none has one."""
    count: int
    """How many members had a value."""


def group_mean(group: Group, year: int, measure: str) -> GroupStat:
    """Return the unweighted mean of ``measure`` (total, pillar or dimension) over the group."""
    key = (group.key, group.definition, year, measure)
    found = _MEANS.get(key)
    if found is None:
        values = [v for r in members(group, year) if (v := r.value(measure)) is not None]
        mean = sum(values) / len(values) if values else None
        found = _MEANS[key] = GroupStat(group.key, mean, len(values))
    return found


def group_means(groups: Sequence[Group], year: int, measure: str) -> Mapping[str, GroupStat]:
    """Return every group's mean of one measure, keyed by group key."""
    return {g.key: group_mean(g, year, measure) for g in groups}


def leader(group: Group, year: int, measure: str) -> tuple[str, float] | None:
    """Return (name, score) of the group's highest scorer; ties go to the first name A-Z.

    The name is the country's in the document's language ("República Dominicana"); ties
    are broken on the English names, so every language names the same leader.
    """
    scored = [
        (v, r.country, r.iso3) for r in members(group, year) if (v := r.value(measure)) is not None
    ]
    if not scored:
        return None
    best, name, iso3 = min(scored, key=lambda item: (-item[0], item[1]))
    return local_name(iso3, name), best


def local_name(iso3: str, english: str) -> str:
    """Return a country's name in the document's language (the English name in English)."""
    iso2 = iso3166_pairs().get(iso3)
    return country_name(current().code, iso2, english) if iso2 else english
