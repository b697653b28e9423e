"""Drafter-written Markdown narrative: rendered with Python-Markdown, then sanitised with nh3."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from strategygen.errors import RenderError

if TYPE_CHECKING:  # Markdown is imported when a narrative is rendered
    import markdown

#: The longest narrative block rendered, in characters (the profile model allows as much).
MAX_CHARS = 20_000

#: Seconds one block may take to render. Python-Markdown's link and image patterns are
#: quadratic in runs of brackets: 20,000 '[' would take about a minute.
MAX_SECONDS = 2.0

# An explicit allow-list: anything not named here is dropped (the tag, never its text,
# except for the content-bearing tags below, whose content is removed as well).
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "code", "pre",
        "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "table", "thead",
        "tbody", "tr", "th", "td", "caption", "sup", "sub", "div", "span", "abbr",
    }
)  # fmt: skip

# Tags removed together with everything inside them.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "iframe", "object", "embed", "form", "textarea", "select", "template"}
)

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "li": {"id"},
    "sup": {"id"},
    "ol": {"start"},
}

# Classes Python-Markdown's footnotes extension writes; any other class is dropped.
ALLOWED_CLASSES: dict[str, set[str]] = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
}

_LINK_SCHEMES = ("http://", "https://", "mailto:")
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$")
_FOOTNOTE_ID = re.compile(r"^fn(ref)?:([0-9A-Za-z_-]+)$")
# nh3 escapes '<' and '>' inside attribute values, so an img tag ends at the first '>'.
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


@dataclass(frozen=True)
class NarrativeBlock:
    """A drafter's sanitised Markdown block for one section."""

    mode: str
    html: Markup


def _attribute_filter(prefix: str) -> Callable[[str, str, str], str | None]:
    """Build nh3's per-attribute callback; it returns the kept value or None to drop it."""

    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr == "href":
            v = value.strip()
            if v.startswith("#"):
                match = _FOOTNOTE_ID.match(v[1:])
                return (
                    f"#{prefix}fn{'ref' if match.group(1) else ''}-{match.group(2)}"
                    if (match)
                    else v
                )
            return v if v.lower().startswith(_LINK_SCHEMES) else None
        if attr == "src":
            v = value.strip()
            return v if tag == "img" and _DATA_IMAGE.match(v) else None
        if attr == "id":
            match = _FOOTNOTE_ID.match(value)
            # Only footnote ids survive, renamed per section so they never collide with
            # the document's own ids (a narrative cannot hijack a ToC target).
            return (
                f"{prefix}fn{'ref' if match.group(1) else ''}-{match.group(2)}" if (match) else None
            )
        return value

    return keep


def sanitise_html(html: str, *, id_prefix: str = "narr-") -> Markup:
    """Sanitise an HTML fragment with the explicit allow-list and return it as Markup.

    Links keep only ``http``, ``https``, ``mailto`` and in-page ``#`` targets. Images keep
    only inline ``data:`` URIs; any other image (remote, ``file:``, relative) is removed
    entirely so that the document never makes a request.
    """
    import nh3

    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter(id_prefix),
        allowed_classes={k: set(v) for k, v in ALLOWED_CLASSES.items()},
        url_schemes={"http", "https", "mailto", "data"},
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    cleaned = _IMG_TAG.sub(lambda m: m.group(0) if ' src="data:' in m.group(0) else "", cleaned)
    return Markup(cleaned)


class NarrativeError(RenderError):
    """A narrative block that is too long or too slow to render; names its section."""

    def __init__(self, section_id: str, message: str) -> None:
        """Keep the section id, so the build can point at the block in the profile."""
        super().__init__(f"narrative.{section_id}: {message}")
        self.section_id = section_id


class _Deadline:
    """Raises RenderError from inside Python-Markdown once a block has run too long."""

    def __init__(self, section_id: str, seconds: float) -> None:
        self.section_id = section_id
        self.seconds = seconds
        # Processor time of this thread, not the wall clock: a runaway pattern burns CPU,
        # while a busy machine (a batch beside a test run) only stretches the wall clock,
        # which stopped an ordinary narrative on a loaded machine.
        self.end = time.thread_time() + seconds

    def check(self) -> None:
        if time.thread_time() > self.end:
            raise NarrativeError(
                self.section_id,
                f"the Markdown took more than {self.seconds:g} s to render and was stopped; "
                "shorten the block or remove long runs of brackets, asterisks or other "
                "Markdown punctuation",
            )

    def guard(self, method: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap one processor method so that each call first checks the clock."""

        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.check()
            return method(*args, **kwargs)

        return guarded


def _bounded(md: markdown.Markdown, deadline: _Deadline) -> None:
    """Make every processor of ``md`` check the deadline before each call.

    The slow cases run many short calls (one per bracket, each scanning the rest of the
    text), so a check per call stops them within one call of the limit, in any thread.
    """
    for proc in md.inlinePatterns:
        proc.handleMatch = deadline.guard(proc.handleMatch)  # type: ignore[method-assign]
    for block in md.parser.blockprocessors:
        block.run = deadline.guard(block.run)  # type: ignore[method-assign]
    for stage in (md.preprocessors, md.treeprocessors, md.postprocessors):
        for item in stage:
            item.run = deadline.guard(item.run)  # type: ignore[method-assign]


def render_markdown(text: str, *, section_id: str = "narr") -> Markup:
    """Render drafter Markdown (tables, footnotes) to sanitised HTML.

    Args:
        text: Markdown from a profile's ``narrative`` block. It is data: raw HTML inside it
            is sanitised, and it is never compiled as a template.
        section_id: Used to give footnote ids a per-section prefix.

    Returns:
        Safe Markup that a template may print unescaped.

    Raises:
        NarrativeError: The block is longer than :data:`MAX_CHARS` or takes longer than
            :data:`MAX_SECONDS` to render; the message names the section.

    """
    if len(text) > MAX_CHARS:
        raise NarrativeError(
            section_id,
            f"the Markdown is {len(text)} characters long; a section's narrative may be at "
            f"most {MAX_CHARS}",
        )
    # Imported here: most profiles have no narrative, and Markdown takes longer to import
    # than a document takes to render.
    import markdown

    md = markdown.Markdown(extensions=["tables", "footnotes"], output_format="html")
    deadline = _Deadline(section_id, MAX_SECONDS)
    _bounded(md, deadline)
    converted = md.convert(text)
    deadline.check()
    # The section owns h2; a drafter's headings start one level below the section's h3s.
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", converted)
    return sanitise_html(html, id_prefix=f"{section_id}-")
