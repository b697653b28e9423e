"""Where the shipped profiles, templates, rules and reference data are, installed or not."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """Return the folder of shipped ``name`` (``country_profiles``, ``templates`` or ``rules``).

    In a wheel these folders are copied under ``strategygen/_shipped``; in a checkout
    (or an editable install) they sit at the top of the repository, next to the package.
    """
    installed = _PACKAGE / "_shipped" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def data_file(name: str) -> Path:
    """Return a bundled reference data file (``strategygen/data/<name>``)."""
    return _PACKAGE / "data" / name
