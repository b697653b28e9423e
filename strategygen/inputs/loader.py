"""Load profile files into CountryProfile objects, turning every fault into a located Problem."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from strategygen.errors import ProfileError
from strategygen.inputs.plausible import implausible
from strategygen.inputs.problems import Loc, translate
from strategygen.inputs.profile import CountryProfile
from strategygen.inputs.yamlsource import YamlDocument, read_yaml_file, read_yaml_text


def load_profile(path: Path | str, display: str | None = None) -> CountryProfile:
    """Read and validate one profile file.

    Args:
        path: The YAML file (a str is taken as a path).
        display: How to name the file in messages (defaults to ``str(path)``).

    Raises:
        ProfileError: With every problem found, each located by line and column.

    """
    doc = read_yaml_file(Path(path), display)
    return validate_document(doc)


def load_profile_text(text: str, display: str = "<string>") -> CountryProfile:
    """Validate a profile given as YAML text (used by tests and tools)."""
    return validate_document(read_yaml_text(text, display))


def validate_document(doc: YamlDocument) -> CountryProfile:
    """Validate a parsed YAML mapping as a CountryProfile, with located errors."""
    try:
        # Strict: true is not 1, "12" is not 12; a number must be written as a number.
        profile = CountryProfile.model_validate(
            doc.data, context={"defer_cross_checks": True}, strict=True
        )
    except ValidationError as exc:
        raise ProfileError(doc.display, translate(exc, doc, CountryProfile)) from None
    found = list(profile.inconsistencies())
    # A number already reported as inconsistent (a rank beyond the ranked countries) is not
    # reported a second time as implausible.
    reported = {loc for loc, _, _ in found}
    found += [f for f in implausible(profile) if f[0] not in reported]
    problems = []
    for loc, message, got in found:
        typed: Loc = tuple(int(p) if p.isdigit() else p for p in loc)
        problems.append(doc.problem(typed, message, got))
    if problems:
        raise ProfileError(doc.display, sorted(problems, key=lambda p: (p.line, p.column)))
    return profile
