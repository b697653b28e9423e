"""The article a document title or a body's name takes in Spanish, French and Dutch.

A strategy, law or plan title, and the name of a ministry, office or commission, takes its
article from its head noun: the first word in Spanish and French ("la Estrategia Nacional",
"l'Institut haïtien"), the head noun before its complement in Dutch ("het Onderdirectoraat
e-Government", "de Nationale Digitale Strategie"). :func:`strategygen.names.apply_grammar`
uses it to give the profile's titles and bodies their article in running text.
"""

from __future__ import annotations

import re

__all__ = ["title_article", "title_in_text"]


#: The article of a title from its first word (es, fr) or its head noun (nl, the last word).
_TITLE_ARTICLES: dict[str, dict[str, str]] = {
    "es": {
        "estrategia": "la",
        "política": "la",
        "agenda": "la",
        "ley": "la",
        "hoja": "la",
        "plan": "el",
        "programa": "el",
        "decreto": "el",
        "marco": "el",
        "reglamento": "el",
        "código": "el",
        # Bodies ("con la Comisión Económica ...", "el Gabinete de Innovación ...").
        "oficina": "la",
        "comisión": "la",
        "gabinete": "el",
        "ministerio": "el",
        "banco": "el",
        "instituto": "el",
        "agencia": "la",
        "autoridad": "la",
        "consejo": "el",
        "dirección": "la",
        "secretaría": "la",
        "departamento": "el",
        "centro": "el",
        "comité": "el",
        "universidad": "la",
        "cámara": "la",
        "superintendencia": "la",
        "procuraduría": "la",
        "unidad": "la",
        "gobierno": "el",
        # Regional bodies by their acronyms ("pertenece a la CARICOM y al SICA").
        "caricom": "la",
        "sica": "el",
        "oecs": "la",
    },
    "fr": {
        "stratégie": "la",
        "politique": "la",
        "loi": "la",
        "feuille": "la",
        "plan": "le",
        "programme": "le",
        "cadre": "le",
        "décret": "le",
        "code": "le",
        "agenda": "l'",
        "ordonnance": "l'",
        "règlement": "le",
        # Bodies ("avec la Commission économique ...", "de l'Institut haïtien ...").
        "commission": "la",
        "institut": "l'",
        "ministère": "le",
        "agence": "l'",
        "autorité": "l'",
        "conseil": "le",
        "direction": "la",
        "secrétariat": "le",
        "banque": "la",
        "université": "l'",
        "collectivité": "la",
        "région": "la",
        "gouvernement": "le",
        "caricom": "la",
        "sica": "le",
        "oecs": "l'",
    },
    "nl": {
        "strategie": "de",
        "agenda": "de",
        "wet": "de",
        "visie": "de",
        "nota": "de",
        "landsverordening": "de",
        "plan": "het",
        "beleid": "het",
        "programma": "het",
        "besluit": "het",
        "beleidsplan": "het",
        "meerjarenontwikkelingsplan": "het",
        # Bodies ("met de Economische Commissie ...", "door het Onderdirectoraat ...").
        "commissie": "de",
        "ministerie": "het",
        "directoraat": "het",
        "bureau": "het",
        "kabinet": "het",
        "raad": "de",
        "dienst": "de",
        "autoriteit": "de",
        "instituut": "het",
        "regering": "de",
        "bank": "de",
    },
}


def title_article(title: str, language: str) -> str:
    """Return the article a document title takes in running text ("" if none is known)."""
    table = _TITLE_ARTICLES.get(language)
    if not table:
        return ""
    words = re.findall(r"[^\W\d_]+", title.lower())
    if not words:
        return ""
    if language == "nl":
        # Dutch titles end in their head noun ("Nationale Digitale Strategie 2023-2030"); a
        # body's name ends in it before its complement ("Economische Commissie voor ...").
        # The head is the last word that is a known noun ("Wet bescherming persoonsgegevens",
        # "Onderdirectoraat e-Government").
        core = re.split(r"\s(?:van|voor|inzake|en)\s|[,(]", title, maxsplit=1)[0]
        for head in reversed(re.findall(r"[^\W\d_]+", core.lower()) or words):
            found = next((a for noun, a in table.items() if head.endswith(noun)), "")
            if found:
                return found
        return ""
    return table.get(words[0], "")


def title_in_text(title: str, language: str) -> str:
    """Return ``title`` with its article for running text ("la Estrategia Nacional ...")."""
    art = title_article(title, language)
    if not art:
        return title
    return f"{art}{title}" if art.endswith("'") else f"{art} {title}"
