"""A plural country name takes a plural verb (strategygen/agreement.py)."""

from __future__ import annotations

from strategygen.agreement import is_plural, plural_agreement


def test_plural_names_are_recognised_per_language() -> None:
    assert is_plural("Bahamas", "fr") and is_plural("Bahamas", "es")
    assert not is_plural("Haiti", "fr") and not is_plural("Suriname", "nl")


def test_the_verb_after_a_plural_subject_is_plural() -> None:
    html = "<p>Les Bahamas est membre du CDCC. Les Bahamas a adopté une loi.</p>"
    out = plural_agreement(html, "Bahamas", "fr")
    assert out == "<p>Les Bahamas sont membres du CDCC. Les Bahamas ont adopté une loi.</p>"
    spanish = plural_agreement(
        "<p>Las Bahamas no tiene ley; las Bahamas es miembro.</p>", "Bahamas", "es"
    )
    assert spanish == "<p>Las Bahamas no tienen ley; las Bahamas son miembros.</p>"


def test_after_a_preposition_the_name_is_not_the_subject() -> None:
    html = "<p>La dimensión más débil de las Bahamas es la representatividad.</p>"
    assert plural_agreement(html, "Bahamas", "es") == html
    # A singular name is never changed.
    assert plural_agreement("<p>Haïti est membre.</p>", "Haiti", "fr") == "<p>Haïti est membre.</p>"
