"""Theme files: validation with located errors, logo confinement and image checks."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from strategygen.errors import ProfileError
from strategygen.inputs.theme import load_theme

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10"/></svg>'
)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def _theme(tmp_path: Path, body: str, files: dict[str, bytes] | None = None) -> Path:
    for name, data in (files or {}).items():
        (tmp_path / name).write_bytes(data)
    path = tmp_path / "theme.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ProfileError) as info:
        load_theme(path, "theme.yaml")
    return [str(p) for p in info.value.problems]


def test_valid_theme_with_svg_logo(tmp_path: Path) -> None:
    path = _theme(
        tmp_path,
        'issuing_body: "Caribbean Policy Partners"\nlogo: logo.svg\n'
        'colours: {accent: "#005a5b"}\nfonts: {body: "Noto Serif"}\npaper: letter\n'
        "watermark: false\n",
        {"logo.svg": SVG},
    )
    loaded = load_theme(path)
    assert loaded.theme.paper == "letter"
    assert loaded.theme.watermark is False
    assert loaded.logo_data_uri is not None
    assert loaded.logo_data_uri.startswith("data:image/svg+xml;base64,")
    assert "--accent: #005a5b;" in loaded.css()
    assert '--serif: "Noto Serif"' in loaded.css()


def test_png_logo_is_accepted(tmp_path: Path) -> None:
    path = _theme(tmp_path, "issuing_body: X\nlogo: logo.png\n", {"logo.png": PNG})
    uri = load_theme(path).logo_data_uri
    assert uri is not None and uri.startswith("data:image/png;base64,")


def test_unknown_key_is_located_with_suggestion(tmp_path: Path) -> None:
    path = _theme(tmp_path, "issuing_body: X\ncolors: {accent: '#000000'}\n")
    assert _problems(path) == [
        "theme.yaml:2:1: colors: unknown key; did you mean 'colours'? valid keys here: "
        "issuing_body, logo, colours, fonts, cover, paper, watermark, reference_docx"
    ]


def test_bad_colour_is_located(tmp_path: Path) -> None:
    path = _theme(tmp_path, "issuing_body: X\ncolours:\n  accent: red\n")
    # Plain words, not the regular expression.
    assert _problems(path) == [
        "theme.yaml:3:11: colours.accent: must be a colour written as # and six hex digits, "
        "like #1f3a5f (got 'red')"
    ]


def test_font_name_cannot_inject_css(tmp_path: Path) -> None:
    path = _theme(tmp_path, 'issuing_body: X\nfonts: {body: "x; } body { display: none"}\n')
    [problem] = _problems(path)
    assert problem.startswith("theme.yaml:2:15: fonts.body: must be a font family name ")


@pytest.mark.parametrize("logo", ["../outside.svg", "/etc/passwd"])
def test_logo_outside_folder_is_rejected(tmp_path: Path, logo: str) -> None:
    inner = tmp_path / "theme"
    inner.mkdir()
    (tmp_path / "outside.svg").write_bytes(SVG)
    path = _theme(inner, f"issuing_body: X\nlogo: {logo}\n")
    [problem] = _problems(path)
    assert problem.startswith("theme.yaml:2:7: logo: the logo must be inside the theme's folder")


def test_logo_symlink_out_of_folder_is_rejected(tmp_path: Path) -> None:
    inner = tmp_path / "theme"
    inner.mkdir()
    (tmp_path / "outside.svg").write_bytes(SVG)
    (inner / "logo.svg").symlink_to(tmp_path / "outside.svg")
    path = _theme(inner, "issuing_body: X\nlogo: logo.svg\n")
    [problem] = _problems(path)
    assert "must be inside the theme's folder" in problem


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.png", b"GIF89a....", "the logo has a .png name but is not a PNG image"),
        ("logo.svg", b"<html></html>", "its root element is not <svg>"),
        ("logo.svg", b"not xml at all <", "the logo is not a valid SVG image"),
        ("logo.jpg", b"\xff\xd8\xff", "the logo must be an SVG or PNG file"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "must not contain <script>",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "must not contain event handlers (onload)",
        ),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="http://evil.example/a.png"/></svg>',
            "must not refer to other files or addresses",
        ),
        (
            "logo.svg",
            b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            "must not declare a DOCTYPE or entities",
        ),
    ],
)
def test_logo_that_is_not_a_safe_image_is_rejected(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = _theme(tmp_path, f"issuing_body: X\nlogo: {name}\n", {name: data})
    [problem] = _problems(path)
    assert problem.startswith("theme.yaml:2:7: logo: ")
    assert message in problem


def test_missing_logo_file(tmp_path: Path) -> None:
    path = _theme(tmp_path, "issuing_body: X\nlogo: nope.svg\n")
    assert _problems(path) == [
        "theme.yaml:2:7: logo: the logo file does not exist (got 'nope.svg')"
    ]
