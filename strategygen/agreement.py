"""A plural country name takes a plural verb in Spanish, French and Dutch sentences.

Sentences about the country are written for a singular subject ("%(name)s es miembro",
"%(name)s est membre"). A few names are plural in a language: "les Bahamas", "las Islas
Vírgenes Británicas", "de Kaaimaneilanden". After rendering, the verb that follows such a
name as the subject of its sentence is put in the plural; after a preposition the name is
not the subject ("la dimensión de las Bahamas es ...") and is left alone.
"""

from __future__ import annotations

import re

from strategygen.names import in_text

#: Verbs (with what a verb carries along) that sentences put after the country's name,
#: singular -> plural.
_PLURAL_VERBS: dict[str, dict[str, str]] = {
    "fr": {
        "est": "sont",
        "est membre": "sont membres",
        "est membre associé": "sont membres associés",
        "a": "ont",
        "n'a": "n'ont",
        "n'est": "ne sont",
        "aura": "auront",
        "sera": "seront",
        "dispose": "disposent",
        "figure": "figurent",
        "compte": "comptent",
        "obtient": "obtiennent",
        "atteint": "atteignent",
        "élabore": "élaborent",
        "reste": "restent",
        "peut": "peuvent",
        "pourrait": "pourraient",
        "doit": "doivent",
        "devrait": "devraient",
        "décide": "décident",
        "applique": "appliquent",
        "appartient": "appartiennent",
        "utilisera": "utiliseront",
        "se classe": "se classent",
        "possède": "possèdent",
    },
    "es": {
        "es": "son",
        "es miembro": "son miembros",
        "es miembro asociado": "son miembros asociados",
        "tiene": "tienen",
        "ha": "han",
        "habrá": "habrán",
        "está": "están",
        "será": "serán",
        "figura": "figuran",
        "cuenta": "cuentan",
        "obtiene": "obtienen",
        "alcanza": "alcanzan",
        "ocupa": "ocupan",
        "aplica": "aplican",
        "utilizará": "utilizarán",
        "puede": "pueden",
        "podría": "podrían",
        "debe": "deben",
        "debería": "deberían",
        "decide": "deciden",
        "pertenece": "pertenecen",
        "sigue": "siguen",
        "espera": "esperan",
        "elabora": "elaboran",
        "se sitúa": "se sitúan",
        "dispone": "disponen",
    },
    "nl": {
        "is": "zijn",
        "heeft": "hebben",
        "staat": "staan",
        "kan": "kunnen",
        "moet": "moeten",
        "zal": "zullen",
        "wordt": "worden",
        "behoort": "behoren",
        "past": "passen",
        "beslist": "beslissen",
        "scoort": "scoren",
        "telt": "tellen",
        "valt": "vallen",
    },
}

#: Words after which a country's name is not its sentence's subject.
_PREPOSITIONS: dict[str, frozenset[str]] = {
    "fr": frozenset("de des du à aux en pour par sur avec dans entre".split()),
    "es": frozenset("de del a al en con para por sobre entre".split()),
    "nl": frozenset("van in voor met door op aan bij uit over tot".split()),
}


def is_plural(name: str, language: str) -> bool:
    """Say whether the country's name is plural in running text of ``language``."""
    inside = in_text(name, language)
    if language == "nl":
        return inside.startswith("de ") and name.endswith(("eilanden", "'s", "\u2019s"))
    return inside.lower().startswith(("les ", "las ", "los "))


def plural_agreement(html: str, name: str, language: str) -> str:
    """Put the verb after a plural country name in the plural ("Les Bahamas sont ...")."""
    verbs = _PLURAL_VERBS.get(language)
    if not verbs or not is_plural(name, language):
        return html
    inside = in_text(name, language)
    forms = "|".join(re.escape(f) for f in {inside, inside[:1].upper() + inside[1:]})
    negation = "no " if language == "es" else ""
    # Longest first, so that "es miembro" wins over "es".
    alternatives = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    pattern = re.compile(
        rf"(?P<before>[\w'\u2019]+\s)?(?P<name>{forms}) "
        rf"(?P<neg>{negation})?(?P<verb>{alternatives})\b(?!')"
    )
    prepositions = _PREPOSITIONS.get(language, frozenset())

    def agree(match: re.Match[str]) -> str:
        before = match.group("before") or ""
        if before.strip().lower() in prepositions:
            return match.group(0)
        neg = match.group("neg") or ""
        return f"{before}{match.group('name')} {neg}{verbs[match.group('verb')]}"

    return pattern.sub(agree, html)
