"""Where a rule finding's first sentence ends (used for the short finding in tables)."""

from __future__ import annotations

import pytest

from strategygen.assess.sentences import first_sentence


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "Data Protection Act, 2020 (Act No. 7 of 2020) is in force. It applies to AI.",
            "Data Protection Act, 2020 (Act No. 7 of 2020) is in force.",
        ),
        ("Ley No. 172-13 protege los datos. Sigue.", "Ley No. 172-13 protege los datos."),
        ("The Act (Cap. 22:04) applies. More.", "The Act (Cap. 22:04) applies."),
        ("St. Lucia has a law. Next.", "St. Lucia has a law."),
        ("Is it known? Not yet.", "Is it known?"),
        ("The score 45.5 is low. Then more.", "The score 45.5 is low."),
        ("No full stop at all", "No full stop at all"),
        ("  Spaces   are\n folded. Yes.", "Spaces are folded."),
    ],
)
def test_first_sentence(text: str, first: str) -> None:
    assert first_sentence(text) == first
