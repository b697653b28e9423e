"""The Python API: what the command line does, as functions (re-exported by ``strategygen``).

The names avoid those of the stage packages (``strategygen.assess``, ``strategygen.build``):
importing a stage sets the package attribute of that name, which would hide a function.

Every function takes the same :class:`~strategygen.inputs.tailoring.Tailoring` as the
``build`` command (sections, title, horizon, templates, theme, rules, disabled rules, paper,
watermark, PDF variant, strict) and goes through the same build plan, so a document made
here is byte-identical to the command's for the same inputs and build date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from strategygen.errors import UsageError

if TYPE_CHECKING:
    from strategygen.assess.model import Assessment
    from strategygen.assess.region.group import RegionGroup
    from strategygen.assess.region.model import RegionAssessment
    from strategygen.build.batch import BatchOutcome
    from strategygen.build.plan import BuildPlan
    from strategygen.build.region import RegionResult
    from strategygen.inputs.profile import CountryProfile
    from strategygen.inputs.tailoring import Tailoring
    from strategygen.inputs.theme import LoadedTheme
    from strategygen.render.docx import OfficeResult
    from strategygen.render.pdf import PdfResult


def profile_path(source: str | Path) -> Path:
    """Return the file of ``source``: a path to a profile, or a shipped code such as ``"JAM"``.

    Raises:
        UsageError: Neither an existing file nor a shipped profile code.

    """
    from strategygen.resources import shipped_dir

    path = Path(source)
    if path.is_file():
        return path
    by_code = shipped_dir("country_profiles") / f"{str(source).upper()}.yaml"
    if isinstance(source, str) and source.isalpha() and by_code.is_file():
        return by_code
    raise UsageError(
        f"{str(source)!r} is neither a profile file nor a shipped profile code "
        "(see 'strategygen list')"
    )


def load_profile(source: str | Path) -> CountryProfile:
    """Load and validate a profile from a file path (str or Path) or a shipped code ("JAM").

    Raises:
        ProfileError: Every problem found, each as ``file:line:col: field: message``.
        UsageError: ``source`` is neither a file nor a shipped code.

    """
    from strategygen.inputs.loader import load_profile as load

    return load(profile_path(source), str(source))


def load_theme(path: str | Path) -> LoadedTheme:
    """Load and validate a theme file (its logo checked and encoded).

    Raises:
        ProfileError: A located problem in the theme file.

    """
    from strategygen.inputs.theme import load_theme as load

    return load(Path(path))


def plan(
    tailoring: Tailoring | None = None,
    *,
    project: str | Path | None = None,
    build_date: dt.date | None = None,
    formats: Sequence[str] = ("html",),
) -> BuildPlan:
    """Resolve a build plan: the theme, rule library and settings every document shares.

    Pass the plan (``using=``) to the other functions to resolve it once for many documents.
    """
    from strategygen.build.plan import resolve_plan

    return resolve_plan(tailoring, project=project, build_date=build_date, formats=formats)


def _profile(source: str | Path | CountryProfile) -> CountryProfile:
    from strategygen.inputs.profile import CountryProfile

    return source if isinstance(source, CountryProfile) else load_profile(source)


def assess_profile(
    profile: str | Path | CountryProfile,
    tailoring: Tailoring | None = None,
    *,
    build_date: dt.date | None = None,
    using: BuildPlan | None = None,
) -> Assessment:
    """Assess a country: benchmarks, maturity, fired rules, KPIs, training tiers, data gaps.

    Args:
        profile: A loaded profile, a profile file, or a shipped code.
        tailoring: Extra and disabled rules, default horizon (as ``strategygen build``).
        build_date: Default SOURCE_DATE_EPOCH, else today.
        using: A plan from :func:`plan` (then ``tailoring`` and ``build_date`` are its own).

    """
    from strategygen.build.document import assess_profile as assess

    chosen = using or plan(tailoring, build_date=build_date)
    return assess(_profile(profile), chosen)


def render_html(
    profile: str | Path | CountryProfile | Assessment,
    tailoring: Tailoring | None = None,
    *,
    build_date: dt.date | None = None,
    using: BuildPlan | None = None,
) -> str:
    """Return the draft strategy of a country as one self-contained HTML page.

    ``profile`` may also be an assessment from :func:`assess_profile` (its date is kept).
    """
    from strategygen.assess.model import Assessment
    from strategygen.build.document import assess_profile, html_document

    if isinstance(profile, Assessment):
        date = build_date or profile.build_date
        chosen = using or plan(tailoring, build_date=date)
        return html_document(profile, chosen)
    chosen = using or plan(tailoring, build_date=build_date)
    return html_document(assess_profile(_profile(profile), chosen), chosen)


def render_pdf(
    profile: str | Path | CountryProfile,
    target: str | Path,
    tailoring: Tailoring | None = None,
    *,
    build_date: dt.date | None = None,
    using: BuildPlan | None = None,
) -> PdfResult:
    """Write the draft strategy of a country as a PDF at ``target`` (replaced atomically).

    The theme's paper size and watermark apply unless the tailoring sets them; under
    ``strict`` a WeasyPrint warning is an error, as in ``strategygen build --strict``.

    Raises:
        RenderError: The render failed (``target`` is left as it was).

    """
    import time

    from strategygen.atomic import write_atomic
    from strategygen.build.document import assess_profile, html_document, pdf_document
    from strategygen.render.pdf import PdfResult

    start = time.perf_counter()
    chosen = using or plan(tailoring, build_date=build_date, formats=("pdf",))
    html = html_document(assess_profile(_profile(profile), chosen), chosen)
    out = Path(target)
    rendered = pdf_document(html, chosen, out.name)
    write_atomic(out, rendered.data)
    return PdfResult(
        rendered.pages, len(rendered.data), rendered.warnings, time.perf_counter() - start
    )


def render_docx(
    profile: str | Path | CountryProfile,
    target: str | Path,
    tailoring: Tailoring | None = None,
    *,
    build_date: dt.date | None = None,
    using: BuildPlan | None = None,
) -> OfficeResult:
    """Write the draft strategy of a country as an editable Word document at ``target``.

    The same document as :func:`render_html` and :func:`render_pdf`, with the theme's styles
    (or its ``reference_docx``) and, with ``Tailoring(docx_comments=True)``, a comment on
    every data gap and decision needed. ``target`` is replaced atomically.

    Raises:
        RenderError: The conversion failed (``target`` is left as it was).

    """
    return _office(profile, target, "docx", tailoring, build_date, using)


def render_odt(
    profile: str | Path | CountryProfile,
    target: str | Path,
    tailoring: Tailoring | None = None,
    *,
    build_date: dt.date | None = None,
    using: BuildPlan | None = None,
) -> OfficeResult:
    """Write the draft strategy of a country as an OpenDocument text at ``target``.

    Raises:
        RenderError: The conversion failed (``target`` is left as it was).

    """
    return _office(profile, target, "odt", tailoring, build_date, using)


def _office(
    profile: str | Path | CountryProfile,
    target: str | Path,
    fmt: str,
    tailoring: Tailoring | None,
    build_date: dt.date | None,
    using: BuildPlan | None,
) -> OfficeResult:
    import time

    from strategygen.atomic import write_atomic
    from strategygen.build.document import assess_profile, html_document, office_document
    from strategygen.render.docx import OfficeResult

    start = time.perf_counter()
    chosen = using or plan(tailoring, build_date=build_date, formats=(fmt,))
    html = html_document(assess_profile(_profile(profile), chosen), chosen)
    data, warnings = office_document(html, chosen, fmt)
    write_atomic(Path(target), data)
    return OfficeResult(len(data), tuple(warnings), time.perf_counter() - start)


def build_batch(
    profiles: Iterable[str | Path],
    output_dir: str | Path = "output",
    tailoring: Tailoring | None = None,
    *,
    formats: Sequence[str] = ("html",),
    build_date: dt.date | None = None,
    project: str | Path | None = None,
    jobs: int = 1,
    force: bool = True,
) -> BatchOutcome:
    """Build many countries into ``output_dir/<CODE>/``, as ``strategygen build`` does.

    One country's failure does not stop the others: each result says ``built``,
    ``skipped`` or ``failed`` (with the located error). ``force`` (the default here)
    rebuilds outputs that a manifest says are up to date.

    Raises:
        KeyboardInterrupt: The batch was interrupted (finished outputs are kept).

    """
    from strategygen.build.batch import run_batch
    from strategygen.build.document import BuildJob
    from strategygen.build.plan import resolve_plan

    resolved = resolve_plan(
        tailoring, project=project, build_date=build_date, formats=formats, force=force
    )
    jobs_list = [BuildJob(profile_path(p), str(p)) for p in profiles]
    outcome = run_batch(jobs_list, resolved, Path(output_dir), workers=jobs)
    if outcome.interrupted:
        raise KeyboardInterrupt
    return outcome


def _region_group(
    group: str | RegionGroup, profiles: Sequence[str | Path], name: str | None
) -> RegionGroup:
    from strategygen.assess.region.group import RegionGroup
    from strategygen.build.region import group_for

    if isinstance(group, RegionGroup):
        return group
    return group_for(group, profile_dirs=[Path(p) for p in profiles], label=name)


def assess_region(
    group: str | RegionGroup,
    tailoring: Tailoring | None = None,
    *,
    build_date: dt.date | None = None,
    using: BuildPlan | None = None,
    profiles: Sequence[str | Path] = (),
    name: str | None = None,
) -> RegionAssessment:
    """Assess a group of countries side by side, as ``strategygen region`` does.

    Args:
        group: ``"CDCC"``, a UN sub-region (``"Caribbean"``) or codes (``"JAM,TTO,BRB"``).
        tailoring: Rule folders, disabled rules and default horizon for the members'
            assessments; templates and theme for rendering.
        build_date: Default SOURCE_DATE_EPOCH, else today.
        using: A plan from :func:`plan` (then ``tailoring`` and ``build_date`` are its own).
        profiles: Folders of profiles (``CODE.yaml``) searched before the shipped ones.
        name: A name for the group (cover and file names).

    Raises:
        UsageError: An unknown group, a missing profile or too few indexed countries.
        ProfileError: A member's profile cannot be loaded.

    """
    from strategygen.build.region import assess_group

    chosen = using or plan(tailoring, build_date=build_date)
    return assess_group(_region_group(group, profiles, name), chosen)


def render_region_html(
    group: str | RegionGroup | RegionAssessment,
    tailoring: Tailoring | None = None,
    *,
    build_date: dt.date | None = None,
    using: BuildPlan | None = None,
    profiles: Sequence[str | Path] = (),
    name: str | None = None,
) -> str:
    """Return a group's regional overview as one self-contained HTML page.

    ``group`` may also be an assessment from :func:`assess_region` (its date is kept).
    """
    from strategygen.assess.region.model import RegionAssessment
    from strategygen.build.region import region_html

    if isinstance(group, RegionAssessment):
        chosen = using or plan(tailoring, build_date=build_date or group.build_date)
        return region_html(group, chosen)
    chosen = using or plan(tailoring, build_date=build_date)
    return region_html(assess_region(group, using=chosen, profiles=profiles, name=name), chosen)


def build_region(
    group: str | RegionGroup,
    output_dir: str | Path = "output",
    tailoring: Tailoring | None = None,
    *,
    formats: Sequence[str] = ("html", "pdf", "docx"),
    build_date: dt.date | None = None,
    project: str | Path | None = None,
    profiles: Sequence[str | Path] = (),
    name: str | None = None,
    drafts: bool = False,
    jobs: int = 1,
) -> RegionResult:
    """Build a regional overview into ``output_dir/regions/<GROUP>/``, as ``strategygen region``.

    With ``drafts`` the members' draft strategies are built first into ``output_dir``, so
    the overview's links to them work. The result says ``built`` or ``failed`` (with the
    located error); a failure leaves any previous overview in place.

    Raises:
        UsageError: An unknown group, a missing profile or too few indexed countries.
        KeyboardInterrupt: The drafts' batch was interrupted (no overview is written).

    """
    from strategygen.build.batch import run_batch
    from strategygen.build.plan import resolve_plan
    from strategygen.build.region import build_region as build
    from strategygen.build.region import draft_jobs

    resolved = resolve_plan(tailoring, project=project, build_date=build_date, formats=formats)
    chosen = _region_group(group, profiles, name)
    out = Path(output_dir)
    if drafts:
        outcome = run_batch(draft_jobs(chosen), resolved, out, workers=jobs)
        if outcome.interrupted:
            raise KeyboardInterrupt
    return build(chosen, resolved, out)
