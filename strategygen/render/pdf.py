"""The PDF writer: renders the self-contained HTML with WeasyPrint, safely and atomically.

WeasyPrint is imported inside the functions that need it (through
:func:`require_weasyprint`, which turns missing system libraries into one clear message), so
that ``strategygen --help`` and the HTML-only paths stay fast.

The PDF's metadata (title, author, subject, keywords, language, generator, dates) is read
from the document's own ``<head>``, so the PDF says what the HTML says; a
:class:`PdfMetadata` may replace it for HTML that has none.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from strategygen.atomic import write_atomic
from strategygen.errors import RenderError

if TYPE_CHECKING:  # pragma: no cover - typing only
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    from strategygen.inputs.theme import LoadedTheme

#: Paper sizes accepted by ``--paper``, mapped to their CSS ``size`` keyword.
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}

#: PDF variants accepted by ``--pdf-variant``. The default (``None``) is a tagged PDF.
#: PDF/A-3b is for archiving (embedded sRGB output intent and XMP metadata); PDF/UA-1 is
#: for accessibility (tagged structure, language, title shown in the window title).
#: WeasyPrint produces these variants but does not certify conformance.
PDF_VARIANTS: tuple[str, ...] = ("pdf/a-3b", "pdf/ua-1")

# Loggers WeasyPrint reports problems on. Errors there mean an unreachable or unusable
# resource, warnings mean bad CSS/HTML or a missing glyph: both are worth showing.
_WEASYPRINT_LOGGER = "weasyprint"

#: The Debian packages that provide the system libraries WeasyPrint loads.
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


def require_weasyprint() -> Any:
    """Import and return WeasyPrint, or raise one clear RenderError saying what to install.

    WeasyPrint loads Pango, HarfBuzz and fontconfig when it is imported; where they are
    missing the import raises OSError ("cannot load library ..."), which would otherwise
    surface as an internal error.
    """
    try:
        import weasyprint
    except OSError as exc:
        raise RenderError(
            "PDF output needs the Pango and HarfBuzz system libraries, which were not found "
            f"({exc}); on Debian or Ubuntu install them with: "
            f"sudo apt install {SYSTEM_PACKAGES}"
        ) from None
    except ImportError as exc:
        raise RenderError(
            f"PDF output needs WeasyPrint, which cannot be imported ({exc}); "
            "reinstall strategygen with pip"
        ) from None
    return weasyprint


@dataclass(frozen=True)
class PdfMetadata:
    """Document information written into the PDF (Info dictionary and XMP).

    Attributes:
        title: Full document title.
        author: The author or issuing body.
        subject: One-sentence description (PDF ``/Subject``).
        keywords: Keywords, in order.
        lang: BCP 47 language tag of the document (``en``, ``fr``...).
        created: The build date; becomes the creation and modification date.
        generator: The producing software, e.g. ``strategygen 0.1.0`` (PDF ``/Creator``).

    """

    title: str
    author: str
    subject: str = ""
    keywords: tuple[str, ...] = ()
    lang: str = "en"
    created: date | None = None
    generator: str = "strategygen"


@dataclass(frozen=True)
class PdfResult:
    """What a PDF render produced.

    Attributes:
        pages: Number of pages.
        bytes: Size of the written file in bytes.
        warnings: WeasyPrint's warnings and errors logged during the render.
        seconds: Wall-clock time of layout and writing.

    """

    pages: int
    bytes: int
    warnings: tuple[str, ...] = field(default_factory=tuple)
    seconds: float = 0.0


def extra_css(paper: str = "a4", watermark: bool = True) -> str:
    """Return the CSS that ``--paper`` and ``--no-watermark`` add on top of print.css.

    It is passed to WeasyPrint as a user stylesheet; user stylesheets rank below the
    document's own CSS, so each declaration is ``!important`` to win.

    Raises:
        RenderError: If ``paper`` is not one of :data:`PAPER_SIZES`.

    """
    try:
        size = PAPER_SIZES[paper.lower()]
    except KeyError:
        known = ", ".join(PAPER_SIZES)
        raise RenderError(f"unknown paper size {paper!r}; use one of: {known}") from None
    css = f"@page {{ size: {size} !important; }}\n"
    # The watermark is the page background of print.css's "draft" pages (an artifact,
    # outside the text layer and the structure tree); the fixed box print.css draws for
    # browsers would be a structure element here, so WeasyPrint never lays it out.
    css += "body.watermark::before { content: none !important; display: none !important; }\n"
    if watermark:
        css += "body.watermark { page: draft !important; }\n"
    return css


def default_asset_dirs(template_dirs: Sequence[Path | str] = ()) -> list[Path]:
    """Return the folders a document may load files from: each ``static/`` folder.

    Override template folders come first (so a relative URL resolves against the
    override's assets), then the shipped templates' ``static/``; missing ones are skipped.
    """
    from strategygen.resources import shipped_dir

    folders = [Path(d) / "static" for d in template_dirs]
    folders.append(shipped_dir("templates") / "static")
    # A static/ that is a link out of its template folder is no asset folder: the fetcher
    # trusts everything under its roots, so such a root would open the whole target.
    return [
        f
        for f in dict.fromkeys(folders)
        if f.is_dir() and f.resolve().is_relative_to(f.parent.resolve())
    ]


def _is_inside(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def make_url_fetcher(asset_dirs: Sequence[Path]) -> URLFetcher:
    """Return a WeasyPrint URL fetcher that only serves ``data:`` URIs and asset files.

    Every other URL (http, https, ftp, a ``file:`` outside ``asset_dirs``, a path that
    escapes with ``..`` or through a symlink) raises :class:`RenderError` naming the URL,
    before anything is opened. The fetcher is built with ``fail_on_errors=True``, so
    WeasyPrint stops the render instead of logging the failure and carrying on.
    """
    from weasyprint.urls import URLFetcher

    roots = [Path(d).resolve() for d in asset_dirs]

    class AssetOnlyFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint is untyped
        """Serves ``data:`` URIs and files inside the asset folders; refuses the rest."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise RenderError(
                    f"blocked {scheme or 'relative'} URL {url!r}: documents may only use "
                    "data: URIs and files in the template asset folders"
                )
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise RenderError(f"blocked remote file URL {url!r}")
            # resolve() follows symlinks and removes '..', so the check sees the file
            # that would really be opened, not the name it was given.
            path = Path(url2pathname(unquote(parts.path))).resolve()
            if not _is_inside(path, roots):
                shown = ", ".join(str(r) for r in roots) or "(none)"
                raise RenderError(
                    f"blocked file URL {url!r}: {path} is outside the asset folders ({shown})"
                )
            if not path.is_file():
                raise RenderError(f"asset not found: {url!r} ({path})")
            return super().fetch(path.as_uri(), headers)

    return AssetOnlyFetcher(
        allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True
    )


class _Collector(logging.Handler):
    """Keeps WeasyPrint's log records of one render."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def _collect_weasyprint_logs() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings and errors (not its progress messages) while active."""
    logger = logging.getLogger(_WEASYPRINT_LOGGER)
    handler = _Collector()
    old_level = logger.level
    # An application may have raised the level to ERROR; we still want the warnings.
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often while WeasyPrint lays out a document.

    Layout allocates millions of short-lived objects; with Python's default thresholds
    the collector also runs several full collections, each walking every object of the
    process (this tool's models and templates included). Measured on the 40-page Jamaica
    draft, full collections were a tenth of the render's CPU time; with these thresholds
    they do not run during the render and peak memory grows by under 10 MB. The previous
    thresholds come back afterwards, and with them normal collection.
    """
    previous = gc.get_threshold()
    gc.set_threshold(10_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _apply_metadata(document: Any, meta: PdfMetadata | None) -> None:
    """Settle the PDF's metadata: the document's own (from its head), or ``meta`` over it."""
    md = document.metadata
    if meta is not None:
        md.title = meta.title
        md.authors = [meta.author] if meta.author else []
        md.description = meta.subject or md.description
        md.keywords = list(meta.keywords) or md.keywords
        md.generator = meta.generator
        md.lang = meta.lang or md.lang
        if meta.created is not None:
            md.created = meta.created.isoformat()
    # Dates are inputs, never the clock: both are the build date the document carries
    # (its dcterms.created), so the same inputs give the same bytes.
    md.modified = md.created


@dataclass(frozen=True)
class RenderedPdf:
    """A PDF rendered in memory: its bytes, page count and WeasyPrint's messages."""

    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()


def render_pdf_bytes(
    html: str,
    *,
    asset_dirs: Sequence[Path] | None = None,
    variant: str | None = None,
    paper: str = "a4",
    watermark: bool = True,
    metadata: PdfMetadata | None = None,
    relative_links: bool = False,
) -> RenderedPdf:
    """Render ``html`` to PDF bytes in memory.

    Args:
        html: The self-contained HTML document (print CSS inlined).
        asset_dirs: The only folders whose files the document may load; the first is
            also the base URL for relative links (default: the shipped ``static/``).
        variant: ``None`` (tagged PDF), ``"pdf/a-3b"`` or ``"pdf/ua-1"``.
        paper: ``"a4"`` or ``"letter"``.
        watermark: Whether the diagonal "DRAFT" watermark is printed.
        metadata: Replaces the metadata read from the document's head (optional).
        relative_links: Keep relative links (``../../JAM/JAM-strategy.pdf``) relative in
            the PDF, so they work wherever the folder of PDFs is copied; the document then
            has no base URL, so it must load nothing by a relative address.

    Raises:
        RenderError: For a blocked or missing URL, an unknown variant or paper size,
            missing system libraries, or any failure inside WeasyPrint.

    """
    if variant is not None and variant not in PDF_VARIANTS:
        known = ", ".join(PDF_VARIANTS)
        raise RenderError(f"unknown PDF variant {variant!r}; use one of: {known}")
    css_text = extra_css(paper, watermark)
    folders = list(asset_dirs) if asset_dirs is not None else default_asset_dirs()

    weasyprint = require_weasyprint()
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = make_url_fetcher(folders)
    base = Path(folders[0]).resolve().as_uri() + "/" if folders and not relative_links else None
    options: dict[str, Any] = {
        # Tagged by default (structure tree, /MarkInfo): screen readers and reflow work
        # on every variant; pdf/ua-1 also forces it on.
        "pdf_tags": True,
        "pdf_variant": variant,
    }
    with _collect_weasyprint_logs() as messages, _fewer_collections():
        try:
            font_config = FontConfiguration()
            user_css = weasyprint.CSS(string=css_text, font_config=font_config, url_fetcher=fetcher)
            doc = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
            document = doc.render(font_config=font_config, stylesheets=[user_css], **options)
            _apply_metadata(document, metadata)
            md = document.metadata
            # A stable first /ID entry (the "permanent" id of the document) from its title
            # and issuer; pydyf adds the content hash as the second. No clock, no randomness.
            seed = f"{md.title}\n{', '.join(md.authors or [])}"
            identifier = hashlib.sha256(seed.encode()).hexdigest()[:32].encode()
            pdf = document.write_pdf(pdf_identifier=identifier, **options)
        except FatalURLFetchingError as exc:
            # The fetcher raised RenderError; WeasyPrint wrapped it to stop the render.
            cause = exc.__cause__
            if isinstance(cause, RenderError):
                raise RenderError(str(cause)) from None
            raise RenderError(f"could not fetch a resource: {exc} ({cause})") from None
        except RenderError:
            raise
        except Exception as exc:  # WeasyPrint has no error hierarchy of its own
            raise RenderError(f"WeasyPrint failed: {type(exc).__name__}: {exc}") from exc
    return RenderedPdf(pdf, len(document.pages), tuple(messages))


def write_pdf(
    html: str,
    target: Path | str,
    *,
    theme: LoadedTheme | None = None,
    paper: str | None = None,
    watermark: bool | None = None,
    variant: str | None = None,
    asset_dirs: Sequence[Path] | None = None,
    metadata: PdfMetadata | None = None,
) -> PdfResult:
    """Render ``html`` to a PDF at ``target`` and report pages, size, warnings and time.

    Args:
        html: The self-contained HTML document (print CSS inlined), e.g. from
            :func:`strategygen.render.html.render_document`.
        target: Where to write the PDF; replaced only after a successful render.
        theme: A loaded theme; its paper size and watermark apply unless given here.
        paper: ``"a4"`` or ``"letter"`` (default: the theme's, else a4).
        watermark: Whether the diagonal "DRAFT" watermark is printed (default: the
            theme's, else yes).
        variant: ``None`` (tagged PDF), ``"pdf/a-3b"`` or ``"pdf/ua-1"``.
        asset_dirs: The only folders whose files the document may load (default: the
            shipped templates' ``static/``).
        metadata: Replaces the title, author, subject... read from the document's head.

    Returns:
        A :class:`PdfResult`; WeasyPrint's warnings are in it (deciding whether they are
        fatal, as ``--strict`` does, is the caller's choice).

    Raises:
        RenderError: If rendering fails or a URL is blocked; ``target`` is then left as it was.

    """
    start = time.perf_counter()
    target = Path(target)
    rendered = render_pdf_bytes(
        html,
        asset_dirs=asset_dirs,
        variant=variant,
        paper=paper or (theme.theme.paper if theme else "a4"),
        watermark=(
            watermark if watermark is not None else (theme.theme.watermark if theme else True)
        ),
        metadata=metadata,
    )
    pdf, pages, messages = rendered.data, rendered.pages, rendered.warnings
    write_atomic(target, pdf)
    return PdfResult(
        pages=pages,
        bytes=len(pdf),
        warnings=messages,
        seconds=time.perf_counter() - start,
    )
