"""Benchmarks of the build pipeline; writes BENCHMARKS.md.

Run ``python -m bench.run`` (full, about 25 minutes on 2 cores) or ``python -m bench.run
--quick`` (a few minutes: fewer runs, a sample instead of the 193-country batch). Each
figure is a median of several runs; comparisons are ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2025, 6, 1)
CLI = [sys.executable, "-m", "strategygen"]

# The benchmarks run on a snapshot of the sources (see snapshot()), so that an edit made in
# the work tree while they run can neither invalidate the manifests nor change the outputs.
SOURCE = ROOT


def snapshot(target: Path) -> Path:
    """Copy the package, templates, rules and profiles into ``target`` and import from there."""
    global SOURCE
    for name in ("strategygen", "templates", "rules", "country_profiles"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    sys.path.insert(0, str(target))
    SOURCE = target
    return target


def load_average() -> str:
    """Return the 1-minute load average (other work on the machine skews wall times)."""
    return f"{os.getloadavg()[0]:.2f}"


def median_time(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """Run ``fn`` ``runs`` times; return the median wall time and every time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def run_cli(*args: str, check: bool = True) -> tuple[float, dict[str, Any] | None]:
    """Run ``strategygen ARGS`` in a fresh process; return (wall seconds, --json summary)."""
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(SOURCE)}
    proc = subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=SOURCE, env=env)
    seconds = time.perf_counter() - start
    if check and proc.returncode not in (0, 1):
        raise RuntimeError(f"strategygen {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    data = json.loads(proc.stdout) if "--json" in args and proc.stdout.strip() else None
    return seconds, data


def machine() -> dict[str, str]:
    """Describe the machine: CPU model, cores, RAM, Python, WeasyPrint."""
    from importlib.metadata import version

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "WeasyPrint": version("weasyprint"),
        "Jinja2": version("jinja2"),
        "strategygen": version("strategygen"),
        "1-minute load average at start": load_average(),
    }


# ---------------------------------------------------------------------------------------------


def bench_html(runs: int) -> dict[str, Any]:
    """(1) HTML build per country in a warm process (templates already compiled)."""
    from strategygen.build.document import BuildJob, build_one
    from strategygen.build.manifest import shared_digest
    from strategygen.build.plan import resolve_plan
    from strategygen.resources import shipped_dir

    profiles = sorted(shipped_dir("country_profiles").glob("*.yaml"))
    options = resolve_plan(build_date=DATE, force=True)
    shared = shared_digest(options)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        first = time.perf_counter()
        build_one(BuildJob(profiles[0], profiles[0].name), options, out, shared)
        startup = time.perf_counter() - first
        per_country: dict[str, float] = {}
        stages: dict[str, list[float]] = defaultdict(list)
        cpu_per_country: dict[str, float] = {}
        for path in profiles:
            times = []
            cpu = []
            for _ in range(runs):
                c = time.process_time()
                result = build_one(BuildJob(path, path.name), options, out, shared)
                cpu.append(time.process_time() - c)
                assert result.status == "built", result.error
                times.append(result.seconds)
                for key, value in result.timings.items():
                    stages[key].append(value)
            per_country[path.stem] = statistics.median(times)
            cpu_per_country[path.stem] = statistics.median(cpu)
    values = sorted(per_country.values())
    return {
        "first_document_s": startup,
        # CPU time (user + system of this process) is the steadier figure on a shared machine.
        "median_cpu_s": statistics.median(cpu_per_country.values()),
        "load": load_average(),
        "median_s": statistics.median(values),
        "max_s": values[-1],
        "slowest": max(per_country, key=per_country.__getitem__),
        "stages_median_s": {k: statistics.median(v) for k, v in stages.items()},
        "countries": len(per_country),
        "runs": runs,
    }


def bench_pdf(runs: int, code: str) -> dict[str, Any]:
    """(2) PDF through strategygen vs plain WeasyPrint on the same HTML, in this process."""
    import weasyprint

    from strategygen.api import render_html
    from strategygen.build.document import BuildJob, build_one
    from strategygen.build.plan import resolve_plan
    from strategygen.resources import shipped_dir

    path = shipped_dir("country_profiles") / f"{code}.yaml"
    html = render_html(path, build_date=DATE)
    base = (shipped_dir("templates") / "static").as_uri() + "/"
    options = resolve_plan(build_date=DATE, formats=("pdf",), force=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def ours() -> None:
            # The whole document: load, assess, HTML, PDF (tagged), atomic write, manifest.
            result = build_one(BuildJob(path, path.name), options, out, "bench")
            assert result.status == "built", result.error

        def plain(tagged: bool) -> Callable[[], None]:
            def run() -> None:
                weasyprint.HTML(string=html, base_url=base).write_pdf(
                    out / "plain.pdf", pdf_tags=tagged
                )

            return run

        plain(False)()  # warm-up: fonts, CSS parsers
        kinds = {"ours": ours, "plain_untagged": plain(False), "plain_tagged": plain(True)}
        wall: dict[str, list[float]] = defaultdict(list)
        cpu: dict[str, list[float]] = defaultdict(list)
        for _ in range(runs):  # interleaved, so drift in machine load hits all three alike
            for name, fn in kinds.items():
                c, w = time.process_time(), time.perf_counter()
                fn()
                cpu[name].append(time.process_time() - c)
                wall[name].append(time.perf_counter() - w)
    med = {k: statistics.median(v) for k, v in wall.items()}
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    return {
        "code": code,
        "runs": runs,
        **{f"{k}_s": v for k, v in med.items()},
        **{f"{k}_cpu_s": v for k, v in cmed.items()},
        "ratio_tagged": med["ours"] / med["plain_tagged"],
        "ratio_untagged": med["ours"] / med["plain_untagged"],
        "cpu_ratio_tagged": cmed["ours"] / cmed["plain_tagged"],
        "cpu_ratio_untagged": cmed["ours"] / cmed["plain_untagged"],
    }


def profile_pdf(code: str) -> list[tuple[str, float]]:
    """Profile one PDF build; return seconds of own time per top-level package."""
    from strategygen.build.document import BuildJob, build_one
    from strategygen.build.plan import resolve_plan
    from strategygen.resources import shipped_dir

    path = shipped_dir("country_profiles") / f"{code}.yaml"
    options = resolve_plan(build_date=DATE, formats=("html", "pdf"), force=True)
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        profiler.enable()
        build_one(BuildJob(path, path.name), options, Path(tmp), "bench")
        profiler.disable()
    stats = pstats.Stats(profiler)
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "site-packages/" in filename:
            package = filename.split("site-packages/", 1)[1].split("/", 1)[0]
        elif "/strategygen/" in filename:
            package = "strategygen"
        elif filename.startswith("~") or filename.startswith("<"):
            package = "builtins (C calls)"
        else:
            package = "python stdlib"
        by_package[package] += tottime
    return sorted(by_package.items(), key=lambda kv: -kv[1])[:10]


def copy_profiles(target: Path, codes: list[str] | None = None) -> Path:
    """Copy the shipped profiles (or ``codes``) into ``target`` so the bench may edit them."""
    from strategygen.resources import shipped_dir

    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(shipped_dir("country_profiles").glob("*.yaml")):
        if codes is None or path.stem in codes:
            shutil.copy(path, target / path.name)
    return target


def worker_memory(summary: dict[str, Any]) -> dict[str, Any]:
    """Peak memory per worker and the trend of resident memory over its documents."""
    by_worker: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for doc in summary["documents"]:
        if doc["worker"]:
            by_worker[doc["worker"]].append(doc)
    peaks = {pid: max(d["peak_rss_kb"] for d in docs) / 1024 for pid, docs in by_worker.items()}
    growth = {}
    for pid, docs in by_worker.items():
        rss = [d["rss_kb"] / 1024 for d in docs]  # in the order the worker finished them
        quarter = max(1, len(rss) // 4)
        growth[pid] = {
            "documents": len(rss),
            "first_quarter_median_mb": statistics.median(rss[:quarter]),
            "last_quarter_median_mb": statistics.median(rss[-quarter:]),
            "peak_after_first_quarter_mb": docs[quarter - 1]["peak_rss_kb"] / 1024,
            "peak_at_end_mb": docs[-1]["peak_rss_kb"] / 1024,
        }
    return {"peak_mb": peaks, "growth": growth}


def bench_batch(work: Path, codes: list[str] | None, jobs: int) -> dict[str, Any]:
    """(3) and (4): batch HTML+PDF with --jobs 1 and --jobs N; then rebuilds."""
    profiles = copy_profiles(work / "profiles", codes)
    common = ["build", str(profiles), "--format", "all", "--date", DATE.isoformat(), "--json"]
    loads = [load_average()]
    cpu0 = _children_cpu()
    t1, s1 = run_cli(*common, "--jobs", "1", "--output-dir", str(work / "j1"), "--force")
    cpu1 = _children_cpu()
    loads.append(load_average())
    tn, sn = run_cli(*common, "--jobs", str(jobs), "--output-dir", str(work / "jn"), "--force")
    cpun = _children_cpu()
    loads.append(load_average())
    assert s1 and sn
    count = len(s1["documents"])
    # (4) Rebuild with nothing changed, several times; then after one profile changed.
    nothing = [run_cli(*common, "--output-dir", str(work / "jn")) for _ in range(5)]
    skipped = [s["counts"]["skipped"] for _, s in nothing if s]
    changed = sorted(profiles.glob("*.yaml"))[0]
    with changed.open("a") as fh:
        fh.write("\n# edited by the benchmark\n")
    t_one, s_one = run_cli(*common, "--output-dir", str(work / "jn"), "--jobs", str(jobs))
    assert s_one
    rebuilt = [d["code"] for d in s_one["documents"] if d["status"] == "built"]
    same = all(
        (work / "j1" / d["code"] / f"{d['code']}-strategy.html").read_bytes()
        == (work / "jn" / d["code"] / f"{d['code']}-strategy.html").read_bytes()
        for d in s1["documents"]
        if d["status"] == "built"
    )
    return {
        "documents": count,
        "failed": s1["counts"]["failed"] + sn["counts"]["failed"],
        "jobs": jobs,
        "jobs1_s": t1,
        "jobsN_s": tn,
        "speedup": t1 / tn,
        "jobs1_cpu_s": cpu1 - cpu0,
        "jobsN_cpu_s": cpun - cpu1,
        "load_before_between_after": loads,
        "per_doc_jobs1_s": t1 / count,
        "html_identical": same,
        "nothing_changed_s": statistics.median(t for t, _ in nothing),
        "nothing_changed_skipped": min(skipped) if skipped else 0,
        "one_changed_s": t_one,
        "one_changed_rebuilt": rebuilt,
        "changed_profile": changed.stem,
        "memory_jobsN": worker_memory(sn),
    }


def _children_cpu() -> float:
    """Return the CPU seconds (user + system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_scaffolds(work: Path, jobs: int, sample: int | None) -> dict[str, Any]:
    """(5) Every indexed country from a `strategygen new` scaffold, HTML+PDF, in N workers."""
    from strategygen.assess.datasets import index_scores
    from strategygen.assess.scaffold import write_scaffold

    codes = sorted(index_scores())
    if sample:
        codes = codes[:: max(1, len(codes) // sample)][:sample]
    folder = work / "scaffolds"
    folder.mkdir(parents=True, exist_ok=True)
    for code in codes:
        write_scaffold(code, folder / f"{code}.yaml")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    load = load_average()
    seconds, summary = run_cli(
        "build",
        str(folder),
        "--format",
        "all",
        "--date",
        DATE.isoformat(),
        "--jobs",
        str(jobs),
        "--output-dir",
        str(work / "scaffold-out"),
        "--json",
        "--force",
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert summary
    failures = [d["error"] for d in summary["documents"] if d["status"] == "failed"]
    return {
        "countries": len(codes),
        "built": summary["counts"]["built"],
        "failed": len(failures),
        "first_failures": failures[:3],
        "seconds": seconds,
        "pages_total": sum(d["pages"] or 0 for d in summary["documents"]),
        "rusage_children_max_mb": max(before, children) / 1024,
        "load_before_after": [load, load_average()],
        "memory": worker_memory(summary),
    }


def _process_env(cache: Path) -> dict[str, str]:
    """The environment of a user's process: bytecode files allowed, a cache folder of its own."""
    env = {**os.environ, "PYTHONPATH": str(SOURCE), "XDG_CACHE_HOME": str(cache)}
    # Some shells (and this project's sandbox) set it; an installed tool has .pyc files.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    """Run ``command``; return (wall seconds, CPU seconds of the process and its children)."""
    before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd or SOURCE, env=env)
    return time.perf_counter() - start, _children_cpu() - before


def bench_cold_html(
    work: Path, runs: int, code: str = "JAM", baseline: str | None = None
) -> dict[str, Any]:
    """(7) ``strategygen build CODE --format html`` as a whole new process, median of runs.

    The first run (not counted) writes the .pyc files and the compiled-template cache, as a
    user's first build does; every counted run is a fresh interpreter. One more set of runs
    starts each time from an empty template cache, for comparison. With ``baseline`` (a git
    revision), the same command from that revision's sources runs interleaved with ours,
    run for run, so that a change in machine load hits both alike.
    """
    out = work / "cold-html"
    command = [*CLI, "build", code, "--format", "html", "--date", DATE.isoformat()]
    command += ["--output-dir", str(out), "--force", "-q", "--jobs", "1"]
    sides = {"ours": (_process_env(work / "xdg-cache"), SOURCE)}
    if baseline:
        base = work / "baseline"
        base.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", baseline], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        env = {**_process_env(work / "xdg-cache-baseline"), "PYTHONPATH": str(base)}
        sides["baseline"] = (env, base)
    for env, cwd in sides.values():
        _timed(command, env, cwd)  # warm-up: bytecode and template cache written
    timed: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, (env, cwd) in sides.items():
            timed[name].append(_timed(command, env, cwd))
    warm = timed["ours"]
    empty = []
    for index in range(runs):
        fresh = _process_env(work / f"xdg-empty-{index}")
        empty.append(_timed(command, fresh))
    result: dict[str, Any] = {
        "code": code,
        "runs": runs,
        "wall_s": statistics.median(w for w, _ in warm),
        "cpu_s": statistics.median(c for _, c in warm),
        "all_wall_s": [round(w, 3) for w, _ in warm],
        "all_cpu_s": [round(c, 3) for _, c in warm],
        "empty_cache_wall_s": statistics.median(w for w, _ in empty),
        "empty_cache_cpu_s": statistics.median(c for _, c in empty),
        "load": load_average(),
    }
    if baseline:
        result["baseline"] = baseline
        result["baseline_wall_s"] = statistics.median(w for w, _ in timed["baseline"])
        result["baseline_cpu_s"] = statistics.median(c for _, c in timed["baseline"])
    return result


_PLAIN_PDF = """\
import sys, weasyprint
html = open(sys.argv[1], encoding="utf-8").read()
weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(sys.argv[3], pdf_tags=True)
"""


def bench_pdf_process(work: Path, runs: int, code: str = "JAM") -> dict[str, Any]:
    """(8) Whole-process PDF build against a plain WeasyPrint process on the same HTML (CPU).

    *strategygen* is ``strategygen build CODE --format pdf`` (start-up, load, assess, HTML,
    tagged PDF, atomic writes, manifest); *plain* is a new Python process that imports
    WeasyPrint and runs ``HTML(string=html).write_pdf(pdf_tags=True)`` on the HTML that
    strategygen builds. Runs are interleaved so that changes in machine load hit both.
    """
    from strategygen.resources import shipped_dir

    env = _process_env(work / "xdg-cache")
    out = work / "pdf-process"
    base = [*CLI, "build", code, "--date", DATE.isoformat(), "--output-dir", str(out)]
    subprocess.run([*base, "--format", "html", "-q"], check=True, cwd=SOURCE, env=env)
    html = out / code / f"{code}-strategy.html"
    static = (shipped_dir("templates") / "static").as_uri() + "/"
    plain = [sys.executable, "-c", _PLAIN_PDF, str(html), static, str(work / "plain.pdf")]
    ours = [*base, "--format", "pdf", "--force", "-q", "--jobs", "1"]
    _timed(ours, env)
    _timed(plain, env)  # warm-up: font caches, bytecode
    results: dict[str, list[tuple[float, float]]] = {"ours": [], "plain": []}
    for _ in range(runs):
        results["ours"].append(_timed(ours, env))
        results["plain"].append(_timed(plain, env))
    cpu = {k: statistics.median(c for _, c in v) for k, v in results.items()}
    wall = {k: statistics.median(w for w, _ in v) for k, v in results.items()}
    return {
        "code": code,
        "runs": runs,
        "ours_cpu_s": cpu["ours"],
        "plain_cpu_s": cpu["plain"],
        "ours_wall_s": wall["ours"],
        "plain_wall_s": wall["plain"],
        "cpu_ratio": cpu["ours"] / cpu["plain"],
        "wall_ratio": wall["ours"] / wall["plain"],
        "load": load_average(),
    }


def bench_help(runs: int) -> dict[str, Any]:
    """(6) `strategygen --help` wall time in a fresh process (and `validate` for context)."""
    help_s, _ = median_time(lambda: run_cli("--help"), runs)
    validate_s, _ = median_time(lambda: run_cli("validate", "JAM"), max(3, runs // 2))
    return {"help_s": help_s, "validate_one_s": validate_s, "runs": runs}


# ---------------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    """Return a table cell for a target met or missed."""
    return "met" if ok else "**missed**"


def _row_html(h: dict[str, Any]) -> tuple[str, str, str, str]:
    cpu = f", {h['median_cpu_s'] * 1000:.0f} ms CPU" if "median_cpu_s" in h else ""
    return (
        "1. HTML build per country, warm process (median of countries)",
        f"{h['median_s'] * 1000:.0f} ms wall{cpu} (slowest {h['slowest']} "
        f"{h['max_s'] * 1000:.0f} ms; first document incl. template compile "
        f"{h['first_document_s'] * 1000:.0f} ms)",
        "< 100 ms (issue 10: < 30 ms)",
        verdict(h["median_s"] < 0.1),
    )


def _detail_html(h: dict[str, Any]) -> str:
    load = f" 1-minute load average after: {h['load']}." if "load" in h else ""
    return (
        f"- (1) {h['countries']} shipped profiles × {h['runs']} runs each, in one process "
        "after a first document; CPU is this process's user + system time per document. "
        "Median stage times (wall): "
        + ", ".join(f"{key} {v * 1000:.1f} ms" for key, v in h["stages_median_s"].items())
        + "."
        + load
    )


def _row_cold(c: dict[str, Any]) -> tuple[str, str, str, str]:
    base = (
        f"; build at {c['baseline']}, interleaved: {c['baseline_wall_s']:.2f} s wall, "
        f"{c['baseline_cpu_s']:.2f} s CPU"
        if "baseline" in c
        else ""
    )
    return (
        f"7. Cold `strategygen build {c['code']} --format html`, whole process (median)",
        f"{c['wall_s']:.2f} s wall, {c['cpu_s']:.2f} s CPU (empty template cache: "
        f"{c['empty_cache_wall_s']:.2f} s, {c['empty_cache_cpu_s']:.2f} s CPU{base})",
        "<= 0.35 s (2.5x Typst's 0.14 s)",
        verdict(c["wall_s"] <= 0.35),
    )


def _detail_cold(c: dict[str, Any]) -> str:
    cpu = f"; CPU: {', '.join(f'{x:.2f}' for x in c['all_cpu_s'])} s" if "all_cpu_s" in c else ""
    return (
        f"- (7) {c['runs']} runs, each a new `python -m strategygen` process with .pyc files "
        "and the compiled-template cache in place (written by one uncounted first run, as "
        "a user's first build writes them); CPU is user + system time of the process"
        + (
            f"; each run alternates with one of the build at {c['baseline']} "
            "(`--baseline`), from a snapshot of that revision"
            if "baseline" in c
            else ""
        )
        + f". Wall times of the runs: {', '.join(f'{w:.2f}' for w in c['all_wall_s'])} s{cpu}; "
        f"1-minute load average after: {c['load']}."
    )


def _row_pdf_process(q: dict[str, Any]) -> tuple[str, str, str, str]:
    return (
        f"8. Whole-process PDF ({q['code']}) / plain WeasyPrint process, CPU",
        f"{q['cpu_ratio']:.3f} ({q['ours_cpu_s']:.2f} s vs {q['plain_cpu_s']:.2f} s; "
        f"wall {q['wall_ratio']:.3f})",
        "<= 1.05",
        verdict(q["cpu_ratio"] <= 1.05),
    )


def _detail_pdf_process(q: dict[str, Any]) -> str:
    return (
        f"- (8) {q['runs']} interleaved runs of each, both new processes: "
        f"`strategygen build {q['code']} --format pdf --force` against `python -c` "
        "importing WeasyPrint and running `HTML(string=html).write_pdf(pdf_tags=True)` "
        "on the HTML strategygen builds; CPU is user + system time of each process. "
        f"1-minute load average after: {q['load']}."
    )


def patch_report(path: Path, results: dict[str, Any], when: str) -> None:
    """Replace, in an existing report, the rows and details of the steps in ``results``.

    For ``--only`` when no saved results exist (a fresh checkout): the other figures and
    the notes stay as they are; each replaced row says when it was measured.
    """
    makers = {
        "html": ("| 1. ", "- (1)", _row_html, _detail_html),
        "cold_html": ("| 7. ", "- (7)", _row_cold, _detail_cold),
        "pdf_process": ("| 8. ", "- (8)", _row_pdf_process, _detail_pdf_process),
    }
    lines = path.read_text(encoding="utf-8").splitlines()
    for step, (row_start, detail_start, row, detail) in makers.items():
        if step not in results:
            continue
        a, b_, c, d = row(results[step])
        new_row = f"| {a} (measured {when}) | {b_} | {c} | {d} |"
        at = next((i for i, line in enumerate(lines) if line.startswith(row_start)), None)
        if at is None:
            raise SystemExit(f"bench: no row starting {row_start!r} in {path}")
        lines[at] = new_row
        at = next((i for i, line in enumerate(lines) if line.startswith(detail_start)), None)
        if at is None:
            raise SystemExit(f"bench: no detail starting {detail_start!r} in {path}")
        end = at + 1
        while end < len(lines) and lines[end].startswith("  "):
            end += 1  # the bullet's continuation lines
        lines[at:end] = [detail(results[step])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_report(path: Path, results: dict[str, Any], quick: bool, total_s: float) -> None:
    """Write BENCHMARKS.md: the machine, each figure against its target, and the profile."""
    m = results["machine"]
    h = results["html"]
    p = results["pdf"]
    b = results["batch"]
    s = results["scaffolds"]
    k = results["help"]
    cores = int(m["cores"])
    peaks = list(b["memory_jobsN"]["peak_mb"].values()) + list(s["memory"]["peak_mb"].values())
    peak = max(peaks) if peaks else 0.0
    rows = [
        _row_html(h),
        (
            f"2. PDF via strategygen / plain WeasyPrint, both tagged ({p['code']}), CPU time",
            f"{p['cpu_ratio_tagged']:.3f} ({p['ours_cpu_s']:.2f} s vs "
            f"{p['plain_tagged_cpu_s']:.2f} s)",
            "≤ 1.10",
            verdict(p["cpu_ratio_tagged"] <= 1.10),
        ),
        (
            "2a. same, wall time",
            f"{p['ratio_tagged']:.3f} ({p['ours_s']:.2f} s vs {p['plain_tagged_s']:.2f} s)",
            "≤ 1.10",
            verdict(p["ratio_tagged"] <= 1.10),
        ),
        (
            "2b. against untagged plain WeasyPrint (not like for like), CPU / wall",
            f"{p['cpu_ratio_untagged']:.3f} / {p['ratio_untagged']:.3f} "
            f"({p['plain_untagged_cpu_s']:.2f} s CPU, {p['plain_untagged_s']:.2f} s wall)",
            "(information)",
            "-",
        ),
        (
            f"3. Batch of {b['documents']} profiles HTML+PDF, --jobs 1 vs --jobs {b['jobs']}",
            f"{b['speedup']:.2f}× ({b['jobs1_s']:.1f} s vs {b['jobsN_s']:.1f} s)",
            f"≥ {0.85 * cores:.2f}× (0.85 × {cores} cores)",
            verdict(b["speedup"] >= 0.85 * cores),
        ),
        (
            f"4a. Rebuild, nothing changed ({b['documents']} profiles, HTML+PDF)",
            f"{b['nothing_changed_s'] * 1000:.0f} ms, {b['nothing_changed_skipped']} skipped",
            "< 1 s",
            verdict(b["nothing_changed_s"] < 1.0),
        ),
        (
            "4b. Rebuild after one profile changed",
            f"{b['one_changed_s']:.1f} s, rebuilt: {', '.join(b['one_changed_rebuilt']) or 'none'}",
            f"only {b['changed_profile']} rebuilt",
            verdict(b["one_changed_rebuilt"] == [b["changed_profile"]]),
        ),
        (
            "5a. Peak memory per worker (max over workers and batches)",
            f"{peak:.0f} MB (RUSAGE_CHILDREN max {s['rusage_children_max_mb']:.0f} MB)",
            "< 350 MB",
            verdict(0 < peak < 350),
        ),
        (
            f"5b. {s['countries']} scaffolded countries HTML+PDF, --jobs {b['jobs']}",
            f"{s['seconds']:.0f} s total, {s['built']} built, {s['failed']} failed, "
            f"{s['pages_total']} pages",
            "no memory growth (see below)",
            "-",
        ),
        *([_row_cold(c)] if (c := results.get("cold_html")) else []),
        *([_row_pdf_process(q)] if (q := results.get("pdf_process")) else []),
        (
            "6. `strategygen --help` wall time",
            f"{k['help_s'] * 1000:.0f} ms "
            f"(validate one profile: {k['validate_one_s'] * 1000:.0f} ms)",
            "< 0.3 s",
            verdict(k["help_s"] < 0.3),
        ),
    ]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `python -m bench.run{' --quick' if quick else ''}` on "
        f"{dt.date.today().isoformat()} in {total_s / 60:.1f} min. "
        "Each figure is a median of several runs unless said otherwise; comparisons are "
        "ratios measured in the same run."
        + (
            f" Re-measured later, on a quieter machine: {', '.join(results['remeasured'])}."
            if results.get("remeasured")
            else ""
        ),
        "",
        "## Machine",
        "",
        *[f"- {key}: {value}" for key, value in m.items()],
        "",
        "## Figures against targets",
        "",
        "| benchmark | measured | target | |",
        "| --- | --- | --- | --- |",
        *[f"| {a} | {b_} | {c} | {d} |" for a, b_, c, d in rows],
        "",
        "## Details",
        "",
        _detail_html(h),
        f"- (2) {p['runs']} interleaved runs of each. *strategygen* is the whole document "
        "(load, assess, HTML, tagged PDF with metadata and the safe URL fetcher, atomic "
        "write, manifest); *plain* is `weasyprint.HTML(string=html).write_pdf()` on the same "
        "HTML, with `pdf_tags=True` for the like-for-like figure (our default is tagged).",
        f"- (3) one run each (a batch is minutes long); CPU time of the whole command "
        f"{b['jobs1_cpu_s']:.0f} s with --jobs 1 and {b['jobsN_cpu_s']:.0f} s with "
        f"--jobs {b['jobs']}; 1-minute load average before, between and after: "
        f"{', '.join(b['load_before_between_after'])}; {b['failed']} failures; HTML from "
        f"--jobs 1 and --jobs {b['jobs']} byte-identical: {b['html_identical']}. "
        f"{b['per_doc_jobs1_s']:.1f} s per document with one job.",
        "- (4) the nothing-changed figure is the whole command in a fresh process "
        "(start-up, hashing templates, rules and profiles, reading manifests); median of 5.",
        f"- (5) load average before and after the scaffold batch: "
        f"{', '.join(s['load_before_after'])}. Memory per worker is the worker's own "
        "`ru_maxrss` reported with each "
        "document; resident memory after each document, first quarter vs last quarter of "
        "the documents each worker built:",
        "",
        "| batch | worker | documents | RSS first quarter (MB) | RSS last quarter (MB) "
        "| peak after first quarter (MB) | peak at end (MB) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    extra = []
    if c := results.get("cold_html"):
        extra.append(_detail_cold(c))
    if q := results.get("pdf_process"):
        extra.append(_detail_pdf_process(q))
    at = next(i for i, line in enumerate(lines) if line.startswith("- (5)"))
    lines[at:at] = extra
    for name, mem in (("shipped", b["memory_jobsN"]), ("scaffolds", s["memory"])):
        for n, g in enumerate(mem["growth"].values(), 1):
            lines.append(
                f"| {name} | {n} | {g['documents']} | {g['first_quarter_median_mb']:.0f} | "
                f"{g['last_quarter_median_mb']:.0f} | {g['peak_after_first_quarter_mb']:.0f} | "
                f"{g['peak_at_end_mb']:.0f} |"
            )
    if s["first_failures"]:
        lines += ["", "Scaffold failures (first three):", ""]
        lines += [f"- `{e.splitlines()[0]}`" for e in s["first_failures"]]
    lines += [
        "",
        "## Where the time of one PDF build goes",
        "",
        f"cProfile of one HTML+PDF build of {p['code']}, own time per package (profiled, so "
        "several times slower than the figures above; the shares are what matter):",
        "",
        "| package | seconds |",
        "| --- | --- |",
        *[f"| {name} | {sec:.2f} |" for name, sec in results["profile"]],
    ]
    notes = ROOT / "bench" / "notes.md"
    if notes.is_file():
        lines += ["", notes.read_text().strip()]
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    """Run every benchmark; write BENCHMARKS.md and the raw figures to output/bench-results.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, sampled batches")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite the report from output/bench-results.json without measuring",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma list of steps to re-measure (help, cold_html, pdf_process, html, pdf, "
        "profile, batch, scaffolds); the others are taken from output/bench-results.json, "
        "or, without that file, only the rows of html, cold_html and pdf_process are "
        "replaced in the existing report",
    )
    parser.add_argument(
        "--baseline",
        default=None,
        help="git revision whose cold HTML build runs interleaved with ours (step cold_html)",
    )
    args = parser.parse_args()
    quick: bool = args.quick
    saved = ROOT / "output" / "bench-results.json"
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if args.report_only:
        data = json.loads(saved.read_text())
        write_report(args.out, data["results"], data["quick"], data["total_s"])
        return
    start = time.perf_counter()
    results: dict[str, Any] = {}
    patch = bool(only) and not saved.is_file()
    if only and not patch:
        previous = json.loads(saved.read_text())
        results.update(previous["results"])
        quick = previous["quick"]
    fresh = machine()
    if "machine" in results:
        # Keep the load average of the full run; the re-measured steps record their own.
        key = "1-minute load average at start"
        fresh[key] = f"{results['machine'].get(key, '?')} (full run), {fresh[key]} (re-run)"
    results["machine"] = fresh

    def step(name: str, fn: Callable[[], Any]) -> None:
        if only and name not in only:
            return
        t = time.perf_counter()
        print(f"bench: {name}...", file=sys.stderr, flush=True)
        results[name] = fn()
        print(f"bench: {name} done in {time.perf_counter() - t:.0f} s", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="strategygen-bench-") as tmp:
        work = Path(tmp)
        snapshot(work / "src")
        step("help", lambda: bench_help(5 if quick else 15))
        step("cold_html", lambda: bench_cold_html(work, 5 if quick else 9, baseline=args.baseline))
        step("pdf_process", lambda: bench_pdf_process(work, 3 if quick else 5))
        step("html", lambda: bench_html(1 if quick else 5))
        step("pdf", lambda: bench_pdf(1 if quick else 3, "AIA" if quick else "JAM"))
        step("profile", lambda: profile_pdf("AIA" if quick else "JAM"))
        sample = ["AIA", "ATG", "BHS", "BLZ"] if quick else None
        step("batch", lambda: bench_batch(work, sample, args.jobs))
        step("scaffolds", lambda: bench_scaffolds(work, args.jobs, 6 if quick else None))
    total = time.perf_counter() - start
    if patch:
        # No saved results to rebuild the whole report from: replace only these rows.
        saved.parent.mkdir(exist_ok=True)
        saved.with_name("bench-results-only.json").write_text(
            json.dumps({"results": results, "steps": sorted(only)}, indent=2, default=str)
        )
        patch_report(args.out, results, dt.date.today().isoformat())
        print(f"bench: updated {', '.join(sorted(only))} in {args.out}", file=sys.stderr)
        return
    if only:
        # The report's duration stays that of the full run; say what was measured later.
        results["remeasured"] = sorted(only)
        total = json.loads(saved.read_text())["total_s"]
    saved.parent.mkdir(exist_ok=True)
    payload = {"results": results, "quick": quick, "total_s": total}
    saved.write_text(json.dumps(payload, indent=2, default=str))
    write_report(args.out, results, quick, total)
    print(f"bench: wrote {args.out} ({total / 60:.1f} min)", file=sys.stderr)


if __name__ == "__main__":
    main()
