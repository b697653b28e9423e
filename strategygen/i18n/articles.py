"""Which definite article a country or region name takes in Spanish, French and Dutch.

The names are the Unicode CLDR's (as Babel ships them), which is how a draft names a
country in its language. Each language has its rule and its exceptions:

- Spanish writes most country names bare ("Haití", "Jamaica", "Perú") and gives the article
  to names made of a common noun ("la República Dominicana", "el Reino Unido", "los Países
  Bajos", "las Islas Caimán") and to a few by usage ("la India", "el Caribe").
- French gives nearly every country its article, feminine for a name whose first word ends
  in a mute e ("la Jamaïque", "la Corée du Sud"), masculine otherwise ("le Suriname", "le
  Canada"), elided before a vowel or a mute h ("l'Inde", "l'Équateur"), plural for plural
  names ("les Bahamas", "les Îles Marshall"), with the usual exceptions ("le Mexique",
  "la Sierra Leone"), and none for most islands and city states ("Haïti", "Cuba", "Malte").
- Dutch writes country names bare ("Suriname", "Haïti") except plural names and names
  with a common noun ("de Verenigde Staten", "de Dominicaanse Republiek", "het Verenigd
  Koninkrijk", "de Kaaimaneilanden").
"""

from __future__ import annotations

import re

# ---- Spanish --------------------------------------------------------------------------------

_ES_LISTED: dict[str, str] = {
    "Bahamas": "las",
    "Bermudas": "las",
    "Comoras": "las",
    "Maldivas": "las",
    "India": "la",
    "Congo": "el",
    "Caribe": "el",
    "Guayana Francesa": "la",
    "Estados Unidos": "los",
    "Emiratos Árabes Unidos": "los",
    "Países Bajos": "los",
}
# A name that opens with a common noun takes that noun's article.
_ES_NOUNS: tuple[tuple[str, str], ...] = (
    ("República", "la"),
    ("Reino", "el"),
    ("Islas", "las"),
    ("Isla", "la"),
    ("Ciudad", "la"),
    ("Santa Sede", "la"),
)

# ---- French ---------------------------------------------------------------------------------

#: Names written without an article: islands, city states and a few others by usage.
_FR_BARE = frozenset(
    {
        "Anguilla",
        "Antigua-et-Barbuda",
        "Aruba",
        "Bahreïn",
        "Brunéi Darussalam",
        "Chypre",
        "Cuba",
        "Curaçao",
        "Djibouti",
        "Guam",
        "Haïti",
        "Hong Kong",
        "Israël",
        "Jersey",
        "Kiribati",
        "Macao",
        "Madagascar",
        "Malte",
        "Maurice",
        "Monaco",
        "Montserrat",
        "Nauru",
        "Oman",
        "Porto Rico",
        "Saint-Christophe-et-Niévès",
        "Saint-Marin",
        "Saint-Martin (partie néerlandaise)",
        "Saint-Vincent-et-les Grenadines",
        "Sainte-Lucie",
        "Samoa",
        "Sao Tomé-et-Principe",
        "Singapour",
        "Sint Maarten",
        "Sri Lanka",
        "Taïwan",
        "Tonga",
        "Trinité-et-Tobago",
        "Tuvalu",
        "Vanuatu",
    }
)
#: Plural names.
_FR_PLURAL = frozenset(
    {
        "Bahamas",
        "Bermudes",
        "Comores",
        "Émirats arabes unis",
        "États-Unis",
        "Fidji",
        "Maldives",
        "Palaos",
        "Pays-Bas",
        "Philippines",
        "Seychelles",
        "Caraïbes",
    }
)
#: Masculine names whose first word ends in e, and feminine names whose first word does not.
_FR_MASCULINE = frozenset(
    {"Belize", "Cambodge", "Mexique", "Mozambique", "Royaume-Uni", "Suriname", "Zimbabwe"}
)
_FR_FEMININE = frozenset({"Sierra Leone", "Cité du Vatican"})
#: Names that start with an h the article does not elide before ("le Honduras").
_FR_ASPIRATED = frozenset({"Honduras", "Hongrie"})
_FR_VOWELS = "AÂÀEÉÈÊËIÎÏOÔUÛÙÜaâàeéèêëiîïoôuûùü"

# ---- Dutch ----------------------------------------------------------------------------------

_NL_LISTED: dict[str, str] = {
    "Bahama’s": "de",
    "Bahama's": "de",
    "Comoren": "de",
    "Filipijnen": "de",
    "Maldiven": "de",
    "Malediven": "de",
    "Seychellen": "de",
    "Verenigd Koninkrijk": "het",
    "Koninkrijk der Nederlanden": "het",
    "Caribisch gebied": "het",
}


def definite_article(name: str, language: str) -> str:
    """Return the article ``name`` takes in running text ("" if none; "l'" when elided)."""
    if language == "es":
        return _spanish(name)
    if language == "fr":
        return _french(name)
    if language == "nl":
        return _dutch(name)
    return ""


def _spanish(name: str) -> str:
    if name in _ES_LISTED:
        return _ES_LISTED[name]
    return next((art for noun, art in _ES_NOUNS if re.match(rf"{noun}\b", name)), "")


def _french(name: str) -> str:
    if name in _FR_BARE:
        return ""
    if name in _FR_PLURAL or name.startswith("Îles "):
        return "les"
    if name[:1] in _FR_VOWELS or (name[:1] == "H" and name not in _FR_ASPIRATED):
        return "l'"
    first = re.split(r"[\s-]", name, maxsplit=1)[0]
    if first == "Royaume":
        return "le"
    if name in _FR_FEMININE or (first.endswith("e") and name not in _FR_MASCULINE):
        return "la"
    return "le"


def _dutch(name: str) -> str:
    if name in _NL_LISTED:
        return _NL_LISTED[name]
    if name.startswith("Verenigde ") or name.endswith(("Republiek", "eilanden", "Emiraten")):
        return "de"
    if re.search(r"\bRepubliek\b", name):
        return "de"
    return ""
