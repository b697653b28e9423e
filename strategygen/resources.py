"""Where the shipped profiles, templates, rules and reference data are, installed or not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """Return the folder of shipped ``name`` (``country_profiles``, ``templates`` or ``rules``).

    In a wheel these folders are copied under ``strategygen/_shipped``; in a checkout
    (or an editable install) they sit at the top of the repository, next to the package.
    """
    installed = _PACKAGE / "_shipped" / name
    checkout = _PACKAGE.parent / name
    # Only trust the folder next to the package in a real checkout: installed, the
    # package's parent is site-packages, where a folder of that name belongs to no one.
    if installed.is_dir() or not (_PACKAGE.parent / "pyproject.toml").is_file():
        return installed
    return checkout


def data_file(name: str) -> Path:
    """Return a bundled reference data file (``strategygen/data/<name>``)."""
    return _PACKAGE / "data" / name


def read_data_yaml(name: str) -> Any:
    """Parse a bundled YAML data file (``strategygen/data/<name>``) with libyaml when present.

    These files ship with the package, so the located, alias-refusing reader that user
    input goes through is not needed; libyaml composes them about 40 times faster than
    PyYAML's pure-Python parser (the sector and dataset catalogues cost tens of
    milliseconds each in every process otherwise). The resolver is the same, so the data
    read is identical.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(data_file(name).read_text(encoding="utf-8"), Loader=loader)
