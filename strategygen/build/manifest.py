"""Whether an output is up to date: content digests over every input, and the manifest.

Whether an output is up to date is decided by a content hash over every input
(:func:`shared_digest` and :func:`inputs_hash`) compared with the ``manifest.json`` written
next to the outputs.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from strategygen import __version__
from strategygen.build.plan import BuildOptions, load_build_theme

#: Name of the per-country manifest that records what was built from what.
MANIFEST_NAME = "manifest.json"

#: Bumped when the manifest's layout changes; an older manifest is then simply stale.
MANIFEST_SCHEMA = 1

_PACKAGE = Path(__file__).resolve().parent.parent


def _digest_tree(hasher: Any, label: str, root: Path) -> None:
    """Feed every file under ``root`` (name and bytes, in a stable order) into ``hasher``."""
    hasher.update(f"\0tree\0{label}\0".encode())
    if not root.is_dir():
        hasher.update(b"(missing)")
        return
    for dirpath, dirnames, filenames in os.walk(root):
        # Sorting in place makes os.walk's order, and so the hash, independent of the disk.
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".pyc", ".tmp")):
                continue
            path = Path(dirpath) / name
            hasher.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
            hasher.update(hashlib.sha256(path.read_bytes()).digest())


def tool_versions(formats: Sequence[str]) -> dict[str, str]:
    """Return the versions that shape an output: strategygen, Jinja2, Python (and WeasyPrint).

    Read from the installed distributions' metadata, so WeasyPrint is not imported.
    """
    return dict(_versions("pdf" in formats))


@functools.lru_cache(maxsize=2)
def _versions(pdf: bool) -> tuple[tuple[str, str], ...]:
    # Reading distribution metadata scans sys.path; once per process is enough.
    from importlib.metadata import PackageNotFoundError, version

    versions = {"strategygen": __version__, "python": platform.python_version()}
    names = ["jinja2", "markdown", "nh3"]
    if pdf:
        names += ["weasyprint", "pydyf"]
    for name in names:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return tuple(versions.items())


def shared_digest(options: BuildOptions) -> str:
    """Hash every input a build shares across profiles.

    That is: the tool's version and its own code and bundled data, the template search path
    (override folders, then the shipped templates, each with its ``static/`` theme and
    assets), the rule library, the library versions and the build options.
    """
    from strategygen.resources import shipped_dir

    hasher = hashlib.sha256()
    versions = tool_versions(options.formats)
    hasher.update(json.dumps(versions, sort_keys=True).encode())
    hasher.update(json.dumps(options.fingerprint(), sort_keys=True).encode())
    # The package's own source and data: a developer's edit changes the output without
    # a version bump, and a stale "up to date" would hide it.
    for py in sorted(_PACKAGE.rglob("*.py")):
        hasher.update(f"\0{py.name}\0".encode())
        hasher.update(hashlib.sha256(py.read_bytes()).digest())
    _digest_tree(hasher, "data", _PACKAGE / "data")
    for index, folder in enumerate(options.template_dirs):
        _digest_tree(hasher, f"override{index}", Path(folder))
    _digest_tree(hasher, "templates", shipped_dir("templates"))
    _digest_tree(hasher, "rules", shipped_dir("rules"))
    for index, folder in enumerate(options.rule_dirs):
        _digest_tree(hasher, f"user-rules{index}", Path(folder))
    _digest_file(hasher, "project", options.project)
    _digest_file(hasher, "theme", options.theme)
    if options.theme is not None:
        # The logo is read by name from the theme, so hash the file the theme names now.
        theme = load_build_theme(options.theme)
        logo = theme.theme.logo
        _digest_file(hasher, "logo", str(theme.folder / logo) if logo else None)
    return hasher.hexdigest()


def _digest_file(hasher: Any, label: str, path: str | None) -> None:
    """Feed one optional file (its bytes, or a marker when absent) into ``hasher``."""
    hasher.update(f"\0file\0{label}\0".encode())
    if path is None:
        hasher.update(b"(none)")
        return
    try:
        hasher.update(hashlib.sha256(Path(path).read_bytes()).digest())
    except OSError:
        hasher.update(b"(missing)")


def inputs_hash(shared: str, profile_bytes: bytes) -> str:
    """Combine the shared digest with one profile's bytes into that profile's inputs hash."""
    return hashlib.sha256(shared.encode() + b"\0profile\0" + profile_bytes).hexdigest()


def manifest_path(output_dir: Path, code: str) -> Path:
    """Return ``output_dir/<CODE>/manifest.json``."""
    return output_dir / code / MANIFEST_NAME


def read_manifest(path: Path) -> dict[str, Any] | None:
    """Return the manifest at ``path``, or None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def up_to_date(manifest: dict[str, Any] | None, digest: str, folder: Path) -> bool:
    """Say whether ``manifest`` records ``digest`` and every output it lists is still there.

    A deleted or truncated output makes the entry stale, so the next build rewrites it.
    """
    if not manifest or manifest.get("schema") != MANIFEST_SCHEMA:
        return False
    if manifest.get("inputs_hash") != digest:
        return False
    outputs = manifest.get("outputs")
    if not isinstance(outputs, list) or not outputs:
        return False
    for entry in outputs:
        try:
            if (folder / entry["file"]).stat().st_size != entry["bytes"]:
                return False
        except (OSError, KeyError, TypeError):
            return False
    return True


def find_up_to_date(path: Path, folder: Path, shared: str) -> dict[str, Any] | None:
    """Return the manifest in ``folder`` if it vouches for profile ``path``'s outputs, else None."""
    try:
        digest = inputs_hash(shared, path.read_bytes())
    except OSError:
        return None
    manifest = read_manifest(folder / MANIFEST_NAME)
    return manifest if manifest is not None and up_to_date(manifest, digest, folder) else None
