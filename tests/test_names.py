"""Country names inside English sentences: the article where usage wants one."""

from __future__ import annotations

import pytest

from strategygen.names import articled, at_start, capitalise_openings, in_text


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("Dominican Republic", "the Dominican Republic"),
        ("Bahamas", "the Bahamas"),
        ("Cayman Islands", "the Cayman Islands"),
        ("United States Virgin Islands", "the United States Virgin Islands"),
        ("Jamaica", "Jamaica"),
        ("Saint Kitts and Nevis", "Saint Kitts and Nevis"),
        ("Trinidad and Tobago", "Trinidad and Tobago"),
        ("The Gambia", "The Gambia"),
    ],
)
def test_in_text(name: str, inside: str) -> None:
    assert in_text(name) == inside


def test_other_languages_place_their_own_articles() -> None:
    assert in_text("Dominican Republic", "es") == "Dominican Republic"


def test_at_start_and_articled() -> None:
    assert at_start("Bahamas") == "The Bahamas"
    text = "The first bar is Dominican Republic. Dominican Republic is above the mean."
    assert articled(text, "Dominican Republic") == (
        "The first bar is the Dominican Republic. The Dominican Republic is above the mean."
    )


def test_openings_in_html_get_a_capital() -> None:
    html = (
        "<p>the Bahamas is preparing a policy.</p><td>the Bahamas</td>"
        "<p>In the Bahamas, <strong>x</strong>. the Bahamas has <em>one</em>.</p>"
    )
    assert capitalise_openings(html, "Bahamas") == (
        "<p>The Bahamas is preparing a policy.</p><td>The Bahamas</td>"
        "<p>In the Bahamas, <strong>x</strong>. The Bahamas has <em>one</em>.</p>"
    )
