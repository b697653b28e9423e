"""Build orchestration: many profiles in, HTML/PDF per country out; parallel, incremental, isolated.

One document is built by :func:`build_one` (load, assess, render, write atomically, then the
manifest). :func:`run_batch` runs many of them, in this process or in worker processes, and
never lets one country's failure stop the others. Whether an output is up to date is decided
by a content hash over every input (:func:`shared_digest` and :func:`inputs_hash`) compared
with the ``manifest.json`` written next to the outputs.

Heavy libraries (Jinja2, WeasyPrint) are imported inside the functions that need them, so
that ``strategygen --help`` and ``validate`` stay fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import platform
import resource
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from strategygen import __version__
from strategygen.build.atomic import write_atomic
from strategygen.errors import StrategygenError
from strategygen.render.pdf import PdfOptions

#: The formats ``--format`` accepts (``all`` means both).
FORMATS: tuple[str, ...] = ("html", "pdf")

#: Name of the per-country manifest that records what was built from what.
MANIFEST_NAME = "manifest.json"

#: Bumped when the manifest's layout changes; an older manifest is then simply stale.
MANIFEST_SCHEMA = 1

Status = Literal["built", "skipped", "failed", "interrupted"]

_PACKAGE = Path(__file__).resolve().parent.parent


def default_build_date() -> dt.date:
    """Return SOURCE_DATE_EPOCH as a UTC date when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise StrategygenError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds (got {epoch!r})"
            ) from None
    return dt.date.today()


def html_for_profile(
    path: Path,
    *,
    build_date: dt.date,
    display: str | None = None,
    template_dirs: Sequence[Path | str] = (),
) -> tuple[str, str]:
    """Load, assess and render one profile.

    Returns:
        (country code, HTML text).

    Raises:
        StrategygenError: A located profile, rule or template error.

    """
    from strategygen.assess.run import assess
    from strategygen.inputs.loader import load_profile
    from strategygen.render.html import render_document

    profile = load_profile(path, display)
    assessment = assess(profile, build_date)
    html = render_document(assessment, build_date=build_date, template_dirs=template_dirs)
    return profile.code, html


# ---------------------------------------------------------------------------------------------
# Options, results and the inputs hash.


@dataclass(frozen=True)
class BuildOptions:
    """Everything about a build that is not the profile itself.

    Attributes:
        formats: ``"html"`` and/or ``"pdf"``, in :data:`FORMATS` order.
        build_date: The date printed in the documents.
        template_dirs: Override template folders, searched before the shipped templates.
        pdf: Variant, paper, watermark and strict mode.
        force: Rebuild even when the manifest says the outputs are up to date.
        theme: Theme file (issuing body, logo, colours, fonts, cover wording), or None.
        rule_dirs: Extra rule folders; a rule there replaces a shipped rule with its id.
        disabled_rules: Ids of rules that must not fire.
        sections: Section ids to include, in order (None: every section).
        title: Title pattern with ``{country}``, ``{code}``, ``{start}``, ``{end}``.
        horizon: (first, last) year used when a profile sets no strategy horizon.
        project: The project file the settings came from (it enters the hash).

    """

    build_date: dt.date
    formats: tuple[str, ...] = ("html",)
    template_dirs: tuple[str, ...] = ()
    pdf: PdfOptions = field(default_factory=PdfOptions)
    force: bool = False
    theme: str | None = None
    rule_dirs: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    sections: tuple[str, ...] | None = None
    title: str | None = None
    horizon: tuple[int, int] | None = None
    project: str | None = None

    def fingerprint(self) -> dict[str, Any]:
        """Return the options that change the bytes of an output (they enter the hash)."""
        pdf = "pdf" in self.formats
        return {
            "formats": list(self.formats),
            "date": self.build_date.isoformat(),
            "paper": self.pdf.paper,
            "variant": self.pdf.variant,
            "watermark": self.pdf.watermark,
            "strict": self.pdf.strict,
            # The PDF's modification date comes from SOURCE_DATE_EPOCH when it is set.
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH") if pdf else None,
            # Tailoring: file contents are hashed in shared_digest; these are the choices.
            "sections": list(self.sections) if self.sections is not None else None,
            "title": self.title,
            "horizon": list(self.horizon) if self.horizon else None,
            "disabled_rules": sorted(self.disabled_rules),
        }


@dataclass(frozen=True)
class BuildJob:
    """One profile to build: its file and the name errors should use for it."""

    path: Path
    display: str


@dataclass(frozen=True)
class DocResult:
    """The outcome of one profile; picklable, so that workers can send it back.

    Attributes:
        source: The profile as the user named it.
        status: ``built``, ``skipped`` (up to date), ``failed`` or ``interrupted``.
        code: ISO alpha-3 code, once the profile has loaded.
        country: Country name, once the profile has loaded.
        formats: The formats asked for.
        outputs: Files written (or found up to date), manifest excluded.
        pages: PDF page count, when a PDF was built.
        seconds: Wall time spent on this document.
        timings: Seconds per stage (load, assess, html, pdf, write).
        warnings: WeasyPrint's warnings and errors.
        error: The located error text of a failure.
        worker: Process id that built it.
        peak_rss_kb: Peak resident memory of that process so far (KiB).
        rss_kb: Resident memory of that process after the document (KiB).

    """

    source: str
    status: Status
    code: str | None = None
    country: str | None = None
    formats: tuple[str, ...] = ()
    outputs: tuple[Path, ...] = ()
    pages: int | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    error: str | None = None
    worker: int = 0
    peak_rss_kb: int = 0
    rss_kb: int = 0

    def to_json(self) -> dict[str, Any]:
        """Return the result as plain JSON data (paths as strings)."""
        return {
            "source": self.source,
            "status": self.status,
            "code": self.code,
            "country": self.country,
            "formats": list(self.formats),
            "outputs": [str(p) for p in self.outputs],
            "pages": self.pages,
            "seconds": round(self.seconds, 4),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "warnings": list(self.warnings),
            "error": self.error,
            "worker": self.worker,
            "peak_rss_kb": self.peak_rss_kb,
            "rss_kb": self.rss_kb,
        }


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
        theme = _load_theme(options.theme)
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


def _load_theme(path: str | None) -> Any:
    """Load the build's theme (None when there is none); cached per process and file state."""
    if path is None:
        return None
    try:
        stat = Path(path).stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (path, 0, 0)
    return _load_theme_cached(key)


@functools.lru_cache(maxsize=4)
def _load_theme_cached(key: tuple[str, int, int]) -> Any:
    # Every document of a batch uses the same theme; read and check its logo once.
    from strategygen.inputs.theme import load_theme

    return load_theme(Path(key[0]))


def inputs_hash(shared: str, profile_bytes: bytes) -> str:
    """Combine the shared digest with one profile's bytes into that profile's inputs hash."""
    return hashlib.sha256(shared.encode() + b"\0profile\0" + profile_bytes).hexdigest()


# ---------------------------------------------------------------------------------------------
# Manifest.


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


def _skipped(job: BuildJob, manifest: dict[str, Any], folder: Path, seconds: float) -> DocResult:
    """Describe an up-to-date document from its manifest."""
    return DocResult(
        source=job.display,
        status="skipped",
        code=manifest.get("code"),
        country=manifest.get("country"),
        formats=tuple(manifest.get("options", {}).get("formats", ())),
        outputs=tuple(folder / e["file"] for e in manifest["outputs"]),
        pages=manifest.get("pages"),
        seconds=seconds,
        warnings=tuple(manifest.get("warnings", ())),
    )


def check_skip(job: BuildJob, output_dir: Path, shared: str) -> DocResult | None:
    """Return a ``skipped`` result when the job's outputs are up to date, else None.

    Used before any worker starts, so a rebuild with nothing changed loads no profile: the
    output folder is guessed from the file name (``JAM.yaml`` -> ``output/JAM``). When the
    name is not the code, the worker checks again once the profile has told it its code.
    """
    start = time.perf_counter()
    try:
        digest = inputs_hash(shared, job.path.read_bytes())
    except OSError:
        return None
    folder = output_dir / job.path.stem.upper()
    manifest = read_manifest(folder / MANIFEST_NAME)
    if manifest is not None and up_to_date(manifest, digest, folder):
        return _skipped(job, manifest, folder, time.perf_counter() - start)
    return None


# ---------------------------------------------------------------------------------------------
# One document.


def _memory_kb() -> tuple[int, int]:
    """Return (peak, current) resident memory of this process in KiB (Linux units)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            current = int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        current = 0
    return int(peak), current


def build_one(job: BuildJob, options: BuildOptions, output_dir: Path, shared: str) -> DocResult:
    """Build one profile into ``output_dir/<CODE>/``, then write its manifest.

    Every output is rendered in memory before any file is written, and each file is
    replaced atomically, so a failure leaves the previous outputs and manifest as they were.
    Never raises for a bad profile, template or render: the error text is in the result.
    ``KeyboardInterrupt`` propagates (after the atomic writers have removed their temp files).
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    code: str | None = None
    country: str | None = None

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = now - since
        return now

    def failed(message: str) -> DocResult:
        peak, current = _memory_kb()
        return DocResult(
            source=job.display,
            status="failed",
            code=code,
            country=country,
            formats=options.formats,
            seconds=time.perf_counter() - start,
            timings=timings,
            error=message,
            worker=os.getpid(),
            peak_rss_kb=peak,
            rss_kb=current,
        )

    try:
        from strategygen.assess.run import assess
        from strategygen.inputs.loader import load_profile
        from strategygen.render.html import render_document

        profile_bytes = job.path.read_bytes()
        digest = inputs_hash(shared, profile_bytes)
        t = time.perf_counter()
        profile = load_profile(job.path, job.display)
        code, country = profile.code, profile.identity.name
        t = lap("load", t)
        folder = output_dir / code
        manifest = read_manifest(folder / MANIFEST_NAME)
        if not options.force and manifest is not None and up_to_date(manifest, digest, folder):
            return _skipped(job, manifest, folder, time.perf_counter() - start)
        assessment = assess(
            profile,
            options.build_date,
            rule_dirs=[Path(d) for d in options.rule_dirs],
            disabled_rules=options.disabled_rules,
            default_horizon=options.horizon,
        )
        t = lap("assess", t)
        html = render_document(
            assessment,
            build_date=options.build_date,
            template_dirs=options.template_dirs,
            meta_overrides={"watermark": options.pdf.watermark},
            sections=options.sections,
            theme=_load_theme(options.theme),
            title_pattern=options.title,
        )
        t = lap("html", t)
        files: list[tuple[str, str, str | bytes]] = []
        if "html" in options.formats:
            files.append(("html", f"{code}-strategy.html", html))
        pages: int | None = None
        warnings: tuple[str, ...] = ()
        if "pdf" in options.formats:
            pdf, pages, messages = _render_pdf(html, assessment, options)
            warnings = tuple(messages)
            if options.pdf.strict and warnings:
                listed = "\n  ".join(warnings)
                return failed(
                    f"{job.display}: WeasyPrint reported {len(warnings)} problem(s) "
                    f"(--strict):\n  {listed}"
                )
            files.append(("pdf", f"{code}-strategy.pdf", pdf))
            t = lap("pdf", t)
        entries = []
        for fmt, name, data in files:
            write_atomic(folder / name, data)
            raw = data.encode("utf-8") if isinstance(data, str) else data
            entry: dict[str, Any] = {
                "format": fmt,
                "file": name,
                "bytes": len(raw),
                "sha256": hashlib.sha256(raw).hexdigest(),
            }
            if fmt == "pdf":
                entry["pages"] = pages
            entries.append(entry)
        lap("write", t)
        seconds = time.perf_counter() - start
        timings["total"] = seconds
        manifest_data = {
            "schema": MANIFEST_SCHEMA,
            "code": code,
            "country": country,
            "source": job.display,
            "inputs_hash": digest,
            "options": options.fingerprint(),
            "template_dirs": list(options.template_dirs),
            "tailoring": {
                "theme": options.theme,
                "rule_dirs": list(options.rule_dirs),
                "project": options.project,
            },
            "versions": tool_versions(options.formats),
            "outputs": entries,
            "pages": pages,
            "timings": {k: round(v, 4) for k, v in timings.items()},
            "warnings": list(warnings),
        }
        # The manifest goes last: it vouches for outputs that are already in place.
        write_atomic(folder / MANIFEST_NAME, json.dumps(manifest_data, indent=2) + "\n")
    except StrategygenError as exc:
        return failed(str(exc))
    except OSError as exc:
        return failed(f"{job.display}: cannot read or write: {exc.strerror or exc}")
    except Exception as exc:  # isolation: an unforeseen failure costs one country only
        return failed(f"{job.display}: internal error: {type(exc).__name__}: {exc}")
    peak, current = _memory_kb()
    return DocResult(
        source=job.display,
        status="built",
        code=code,
        country=country,
        formats=options.formats,
        outputs=tuple(folder / e["file"] for e in entries),
        pages=pages,
        seconds=seconds,
        timings=timings,
        warnings=warnings,
        worker=os.getpid(),
        peak_rss_kb=peak,
        rss_kb=current,
    )


def _render_pdf(html: str, assessment: Any, options: BuildOptions) -> tuple[bytes, int, list[str]]:
    """Render the PDF bytes of one document with its metadata (WeasyPrint imported here)."""
    from strategygen.render.pdf import PdfMetadata, default_asset_dirs, render_pdf_bytes
    from strategygen.render.html import default_meta

    profile = assessment.profile
    meta = default_meta(
        assessment,
        options.build_date,
        theme=_load_theme(options.theme),
        title_pattern=options.title,
    )
    metadata = PdfMetadata(
        title=f"{profile.identity.name}: {meta.title} (draft for consultation)",
        author=meta.issuing_body,
        subject=f"Draft national AI strategy for {profile.identity.name}. {meta.version}.",
        keywords=(
            profile.identity.name,
            "artificial intelligence",
            "national AI strategy",
            "public sector",
            "draft",
        ),
        lang=meta.lang,
        created=options.build_date,
        generator=meta.generator,
    )
    return render_pdf_bytes(
        html,
        asset_dirs=default_asset_dirs(options.template_dirs),
        variant=options.pdf.variant,
        paper=options.pdf.paper,
        watermark=options.pdf.watermark,
        metadata=metadata,
    )


# ---------------------------------------------------------------------------------------------
# Workers and the batch.

# Worker-process state: whether a document is being built (a stop signal then unwinds it
# so the atomic writers remove their temp files) and whether the batch is stopping.
_IN_TASK = False
_STOPPING = False

#: How long stopped workers get to remove their temporary files before they are killed.
_STOP_GRACE_SECONDS = 10.0


def _on_stop_signal(signum: int, frame: FrameType | None) -> None:
    """SIGTERM in a worker: unwind the current document, or exit at once when idle."""
    global _STOPPING
    _STOPPING = True
    if _IN_TASK:
        raise KeyboardInterrupt
    # Idle (waiting for work): nothing half-written to clean up, and raising here would
    # print a traceback from the executor's loop.
    os._exit(0)


def _init_worker() -> None:
    """Prepare a worker process: the parent alone handles Ctrl-C and stops the workers."""
    # The terminal sends SIGINT to the whole process group; the parent reacts by sending
    # SIGTERM to each worker, which unwinds the document in progress cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_stop_signal)


def _worker_build(job: BuildJob, options: BuildOptions, output_dir: Path, shared: str) -> DocResult:
    """Run :func:`build_one` in a worker; report an interruption instead of raising it."""
    global _IN_TASK
    if _STOPPING:
        return DocResult(source=job.display, status="interrupted")
    _IN_TASK = True
    try:
        return build_one(job, options, output_dir, shared)
    except KeyboardInterrupt:
        return DocResult(source=job.display, status="interrupted", worker=os.getpid())
    finally:
        _IN_TASK = False


@dataclass
class BatchOutcome:
    """All results of a batch in input order, and whether it was interrupted."""

    results: list[DocResult]
    interrupted: bool = False
    seconds: float = 0.0
    workers: int = 1


#: Called as ``progress(event, result_or_none, done, total, running)`` where ``event`` is
#: ``"start"`` or ``"done"`` and ``running`` lists the documents in progress.
ProgressCallback = Callable[[str, DocResult | None, int, int, list[str]], None]


def run_batch(
    jobs: Sequence[BuildJob],
    options: BuildOptions,
    output_dir: Path,
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> BatchOutcome:
    """Build every job, skipping up-to-date ones, in ``workers`` processes.

    With one worker (or one document to build) the work runs in this process; otherwise a
    ``ProcessPoolExecutor`` runs one document per task and each worker keeps its compiled
    templates across documents. Ctrl-C (``KeyboardInterrupt``) stops the workers: documents
    in progress are abandoned without partial files, finished ones keep their outputs and
    manifests, and the outcome says ``interrupted``.
    """
    start = time.perf_counter()
    shared = shared_digest(options)
    results: list[DocResult | None] = [None] * len(jobs)
    pending: list[int] = []
    done = 0
    total = len(jobs)

    def report(event: str, result: DocResult | None, running: list[str]) -> None:
        # Counting here, where every path (skip, serial, pool) reports, keeps the
        # "n/total" figure right however the document was handled.
        nonlocal done
        if event == "done":
            done += 1
        if progress is not None:
            progress(event, result, done, total, running)

    for index, job in enumerate(jobs):
        skipped = None if options.force else check_skip(job, output_dir, shared)
        if skipped is None:
            pending.append(index)
        else:
            results[index] = skipped
            report("done", skipped, [])
    count = max(1, min(workers, len(pending)))
    interrupted = False
    if count == 1:
        try:
            for index in pending:
                report("start", None, [jobs[index].display])
                result = build_one(jobs[index], options, output_dir, shared)
                results[index] = result
                report("done", result, [])
        except KeyboardInterrupt:
            interrupted = True
    else:
        interrupted = _run_pool(jobs, pending, options, output_dir, shared, count, results, report)
        done = sum(r is not None for r in results)
    final = [
        r if r is not None else DocResult(source=jobs[i].display, status="interrupted")
        for i, r in enumerate(results)
    ]
    interrupted = interrupted or any(r.status == "interrupted" for r in final)
    return BatchOutcome(final, interrupted, time.perf_counter() - start, count)


def _run_pool(
    jobs: Sequence[BuildJob],
    pending: list[int],
    options: BuildOptions,
    output_dir: Path,
    shared: str,
    count: int,
    results: list[DocResult | None],
    report: Callable[[str, DocResult | None, list[str]], None],
) -> bool:
    """Run ``pending`` jobs in a process pool, filling ``results``; return True if interrupted."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(max_workers=count, initializer=_init_worker)
    futures: dict[Future[DocResult], int] = {}
    interrupted = False

    def running() -> list[str]:
        # Workers take tasks in submission order: the first unfinished ones are in progress.
        waiting = [i for f, i in futures.items() if not f.done()]
        return [jobs[i].display for i in sorted(waiting)[:count]]

    try:
        for index in pending:
            futures[executor.submit(_worker_build, jobs[index], options, output_dir, shared)] = (
                index
            )
        report("start", None, running())
        remaining = set(futures)
        while remaining:
            finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=futures.__getitem__):
                index = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool as exc:
                    # A worker died (killed, out of memory): the documents it held fail.
                    result = DocResult(
                        source=jobs[index].display,
                        status="failed",
                        formats=options.formats,
                        error=f"{jobs[index].display}: worker process died ({exc})",
                    )
                results[index] = result
                if result.status == "interrupted":
                    raise KeyboardInterrupt
                report("done", result, running())
    except KeyboardInterrupt:
        interrupted = True
        for future in futures:
            future.cancel()
        _stop_workers(executor)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    # Keep the results of documents that finished while the pool was stopping.
    for future, index in futures.items():
        if results[index] is None and future.done() and not future.cancelled():
            try:
                results[index] = future.result()
            except Exception:  # a stopped worker's task has no result worth keeping
                results[index] = None
    return interrupted


def _stop_workers(executor: Any) -> None:
    """Send SIGTERM to every worker of ``executor`` (each unwinds its document cleanly)."""
    # ProcessPoolExecutor has no public way to stop running tasks before Python 3.14
    # (terminate_workers); its process table is the documented-in-source way in.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass
    # An idle worker that exits while it holds the task queue's lock leaves any other
    # worker blocked on that lock for ever, and shutdown() would then wait for it too.
    # Give each worker a moment to unwind its document, then kill whatever is left.
    deadline = time.monotonic() + _STOP_GRACE_SECONDS
    for process in processes:
        try:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1.0)
        except (OSError, AttributeError, ValueError):
            pass


def with_force(options: BuildOptions, force: bool = True) -> BuildOptions:
    """Return ``options`` with ``force`` set (a small helper for callers and benchmarks)."""
    return replace(options, force=force)


@dataclass(frozen=True)
class BuildResult:
    """The outcome of building one profile through :func:`build_html`: file or error text."""

    source: str
    output: Path | None
    error: str | None
    seconds: float
    outputs: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    pages: int | None = None


def build_html(
    paths: Sequence[tuple[Path, str]],
    *,
    output_dir: Path,
    build_date: dt.date,
    template_dirs: Sequence[Path | str] = (),
    formats: Sequence[str] = ("html",),
    pdf_options: PdfOptions | None = None,
    workers: int = 1,
    force: bool = True,
) -> list[BuildResult]:
    """Build each (path, display name) into ``output_dir/<CODE>/``: the library entry point.

    A thin wrapper over :func:`run_batch` for callers that want one result per profile
    with its first output. It rebuilds by default (``force``), as a library call should
    not depend on what an earlier run left behind. One failing profile does not stop the
    others; its error is in its result.
    """
    options = BuildOptions(
        build_date=build_date,
        formats=tuple(f for f in FORMATS if f in formats),
        template_dirs=tuple(str(d) for d in template_dirs),
        pdf=pdf_options or PdfOptions(),
        force=force,
    )
    outcome = run_batch(
        [BuildJob(Path(p), display) for p, display in paths],
        options,
        output_dir,
        workers=workers,
    )
    if outcome.interrupted:
        raise KeyboardInterrupt
    return [
        BuildResult(
            source=r.source,
            output=r.outputs[0] if r.outputs else None,
            error=r.error,
            seconds=r.seconds,
            outputs=r.outputs,
            warnings=r.warnings,
            pages=r.pages,
        )
        for r in outcome.results
    ]
