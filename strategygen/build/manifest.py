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
from strategygen.build.plan import BuildPlan
from strategygen.files import FileRefused, read_input

#: Name of the per-country manifest that records what was built from what.
MANIFEST_NAME = "manifest.json"

#: Bumped when the manifest's layout changes; an older manifest is then simply stale.
MANIFEST_SCHEMA = 2

_PACKAGE = Path(__file__).resolve().parent.parent

# The largest input hashed (profiles and tailoring files are limited to 1 MiB when read;
# a logo or an override's asset may be larger, and is hashed whole up to this size).
_HASH_LIMIT = 64 * 1024 * 1024


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
            hasher.update(_file_digest(path, root))


def tool_versions(formats: Sequence[str]) -> dict[str, str]:
    """Return the versions that shape an output: strategygen, Jinja2, Python, the renderers.

    Each version is the loaded library's ``__version__``, else the version in the name of
    its ``.dist-info`` folder, else its installed metadata: importing a library only to ask
    (or scanning every installed distribution) would cost more than rendering a document.
    """
    return dict(_versions("pdf" in formats, bool({"docx", "odt"} & set(formats))))


@functools.lru_cache(maxsize=4)
def _versions(pdf: bool, office: bool = False) -> tuple[tuple[str, str], ...]:
    versions = {"strategygen": __version__, "python": platform.python_version()}
    names = ["jinja2", "markdown", "nh3"]
    if pdf:
        names += ["weasyprint", "pydyf"]
    for name in names:
        versions[name] = _installed_version(name)
    if office:
        versions.update(_office_versions())
    return tuple(versions.items())


def _office_versions() -> dict[str, str]:
    """Return the versions of pandoc (the binary in use), python-docx and CairoSVG."""
    from importlib.metadata import PackageNotFoundError, version

    from strategygen.errors import RenderError
    from strategygen.render.pandoc import pandoc_version

    out: dict[str, str] = {}
    try:
        out["pandoc"] = pandoc_version()
    except RenderError:
        out["pandoc"] = "not installed"
    # By distribution name: the modules (docx, cairosvg) are named otherwise.
    for dist in ("python-docx", "CairoSVG"):
        try:
            out[dist.lower()] = version(dist)
        except (PackageNotFoundError, ValueError, OSError):
            out[dist.lower()] = "not installed"
    return out


def _installed_version(name: str) -> str:
    """Return the version of distribution/module ``name`` without importing it if possible."""
    import importlib.util
    import sys

    module = sys.modules.get(name)
    if module is not None and isinstance(getattr(module, "__version__", None), str):
        return str(module.__version__)
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError, OSError):
        spec = None
    if spec is None:
        return "not installed"
    if spec.origin:
        # site-packages/<name>/__init__.py -> site-packages/<Name>-<version>.dist-info
        site = Path(spec.origin).parent.parent
        wanted = name.lower().replace("-", "_")
        for info in site.glob("*.dist-info"):
            dist, _, found = info.name[: -len(".dist-info")].partition("-")
            if dist.lower().replace("-", "_") == wanted and found:
                return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def shared_digest(plan: BuildPlan) -> str:
    """Hash every input a build shares across profiles.

    That is: the tool's version and its own code and bundled data, the template search path
    (override folders, then the shipped templates, each with its ``static/`` theme and
    assets), the rule library, the project and theme files and the logo, the library
    versions and the plan's choices (:meth:`BuildPlan.fingerprint`).
    """
    from strategygen.resources import shipped_dir

    hasher = hashlib.sha256()
    versions = tool_versions(plan.formats)
    hasher.update(json.dumps(versions, sort_keys=True).encode())
    hasher.update(json.dumps(plan.fingerprint(), sort_keys=True).encode())
    # The package's own source and data: a developer's edit changes the output without
    # a version bump, and a stale "up to date" would hide it.
    for py in sorted(_PACKAGE.rglob("*.py")):
        hasher.update(f"\0{py.name}\0".encode())
        hasher.update(hashlib.sha256(py.read_bytes()).digest())
    _digest_tree(hasher, "data", _PACKAGE / "data")
    _digest_tree(hasher, "templates", shipped_dir("templates"))
    _digest_tree(hasher, "rules", shipped_dir("rules"))
    # Every file or folder a tailoring setting names, in the order the settings give them.
    for index, (name, path) in enumerate(plan.tailoring.file_paths()):
        if path.is_dir():
            _digest_tree(hasher, f"{name}{index}", path)
        else:
            _digest_file(hasher, f"{name}{index}", path)
    _digest_file(hasher, "project", plan.project)
    if plan.theme is not None and plan.theme.theme.logo:
        # The logo is read by name from the theme, so hash the file the theme names.
        _digest_file(hasher, "logo", plan.theme.folder / plan.theme.theme.logo)
    if plan.theme is not None and plan.theme.reference_docx is not None:
        # Likewise the consultant's Word reference document.
        _digest_file(hasher, "reference_docx", plan.theme.reference_docx)
    return hasher.hexdigest()


def _digest_file(hasher: Any, label: str, path: Path | None) -> None:
    """Feed one optional file (its bytes, or a marker when absent) into ``hasher``."""
    hasher.update(f"\0file\0{label}\0".encode())
    if path is None:
        hasher.update(b"(none)")
        return
    hasher.update(_file_digest(path, None))


def _file_digest(path: Path, root: Path | None) -> bytes:
    """Hash a file's bytes; a FIFO, device or link out of ``root`` is hashed by name only.

    Hashing must never hang on a FIFO nor read a file outside the folders a build may use
    (a template folder's link to a system file): such files get a marker, and the render
    refuses them with a clear message.
    """
    try:
        return hashlib.sha256(
            read_input(path, limit=_HASH_LIMIT, what="input", inside=root)
        ).digest()
    except FileRefused as exc:
        return hashlib.sha256(f"(refused: {exc.reason})".encode()).digest()


def inputs_hash(shared: str, profile_bytes: bytes) -> str:
    """Combine the shared digest with one profile's bytes into that profile's inputs hash."""
    return hashlib.sha256(shared.encode() + b"\0profile\0" + profile_bytes).hexdigest()


def manifest_path(output_dir: Path, code: str) -> Path:
    """Return ``output_dir/<CODE>/manifest.json``."""
    return output_dir / code / MANIFEST_NAME


def read_manifest(path: Path) -> dict[str, Any] | None:
    """Return the manifest at ``path``, or None when it is missing or unreadable."""
    try:
        data = json.loads(read_input(path, limit=_HASH_LIMIT, what="manifest").decode("utf-8"))
    except (FileRefused, ValueError):
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
        digest = inputs_hash(shared, read_input(path, limit=_HASH_LIMIT, what="profile"))
    except FileRefused:
        return None
    manifest = read_manifest(folder / MANIFEST_NAME)
    return manifest if manifest is not None and up_to_date(manifest, digest, folder) else None


def manifest_text(
    *,
    plan: BuildPlan,
    code: str,
    country: str,
    source: str,
    digest: str,
    entries: list[dict[str, Any]],
    pages: int | None,
    timings: dict[str, float],
    warnings: Sequence[str],
) -> str:
    """Return the text of ``manifest.json``: what was built, from which inputs, with which tools.

    It is committed together with the outputs it lists (:mod:`strategygen.build.commit`),
    so it never vouches for a file that is not there or describes one that was replaced.
    """
    data = {
        "schema": MANIFEST_SCHEMA,
        "code": code,
        "country": country,
        "source": source,
        "inputs_hash": digest,
        "options": plan.fingerprint(),
        "tailoring": {
            **plan.tailoring.to_json(),
            "project": str(plan.project) if plan.project is not None else None,
        },
        "versions": tool_versions(plan.formats),
        "outputs": entries,
        "pages": pages,
        "timings": {k: round(v, 4) for k, v in timings.items()},
        "warnings": list(warnings),
    }
    return json.dumps(data, indent=2) + "\n"
