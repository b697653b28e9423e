"""French spacing before high punctuation (strategygen/i18n/typography.py)."""

from __future__ import annotations

from strategygen.i18n.typography import french_spacing

NARROW, NBSP = "\u202f", "\u00a0"


def test_spaces_are_set_before_high_punctuation_in_visible_text() -> None:
    html = (
        "<head><style>a { color: red; }</style></head><body>"
        "<p>Éléments probants: voir&#39;s ; ici; 25,85;</p>"
        "<p><strong>Valeur</strong>: élevée ? oui!</p>"
        '<a class="url" href="https://x.org/a:b">https://x.org</a> 10:30'
        "<code>a: b;</code></body>"
    )
    out = french_spacing(html)
    assert "a { color: red; }" in out  # the style sheet is left alone
    assert f"probants{NBSP}: voir&#39;s{NARROW}; ici{NARROW}; 25,85{NARROW};</p>" in out
    assert f"</strong>{NBSP}: élevée{NARROW}? oui{NARROW}!" in out
    assert 'href="https://x.org/a:b">https://x.org</a> 10:30' in out
    assert "<code>a: b;</code>" in out


def test_protected_spans_are_left_as_written() -> None:
    html = "</head><p>Titre: sous-titre</p><p>Note: ici</p>"
    start = html.index("<p>")
    end = html.index("</p>") + 4
    out = french_spacing(html, [(start, end)])
    assert "<p>Titre: sous-titre</p>" in out and f"Note{NBSP}: ici" in out
