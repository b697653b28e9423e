"""Drafter Markdown is rendered, then sanitised: hostile input comes out inert."""

from __future__ import annotations

from markupsafe import Markup

from strategygen.render.narrative import render_markdown, sanitise_html


def test_script_tag_removed_with_its_content() -> None:
    out = render_markdown("Hello <script>alert(1)</script> world")
    assert out == "<p>Hello  world</p>"
    assert isinstance(out, Markup)


def test_onerror_image_removed_entirely() -> None:
    out = render_markdown("a <img src=x onerror=alert(1)> b")
    assert out == "<p>a  b</p>"


def test_javascript_link_loses_its_href() -> None:
    out = render_markdown("[x](javascript:alert(1))")
    assert out == '<p><a rel="noopener noreferrer">x</a></p>'


def test_file_and_remote_images_removed() -> None:
    assert render_markdown("![](file:///etc/passwd)") == "<p></p>"
    assert render_markdown("![pic](http://evil/x.png)") == "<p></p>"
    assert render_markdown("![pic](https://evil/x.png)") == "<p></p>"
    assert render_markdown("![pic](//evil/x.png)") == "<p></p>"
    assert render_markdown("![pic](x.png)") == "<p></p>"


def test_iframe_and_form_removed_with_content() -> None:
    out = render_markdown('<iframe src="http://e/">inner</iframe>\n\nok')
    assert out.strip() == "<p>ok</p>"
    out = render_markdown('<form action="http://e/"><input name="a">text</form>\n\nok')
    assert "form" not in out and "input" not in out and "text" not in out
    assert out.endswith("<p>ok</p>")


def test_event_handlers_and_style_dropped() -> None:
    out = render_markdown('<a href="#top" onclick="x()" style="color:red">t</a> <style>p{}</style>')
    assert out == '<p><a href="#top" rel="noopener noreferrer">t</a> </p>'


def test_safe_links_and_data_images_kept() -> None:
    out = render_markdown(
        "[a](https://a.org) [m](mailto:a@b.org) ![d](data:image/png;base64,iVBORw0KGgo=)"
    )
    assert '<a href="https://a.org" rel="noopener noreferrer">a</a>' in out
    assert '<a href="mailto:a@b.org" rel="noopener noreferrer">m</a>' in out
    assert '<img alt="d" src="data:image/png;base64,iVBORw0KGgo=">' in out


def test_svg_data_image_and_data_link_refused() -> None:
    out = render_markdown("![s](data:image/svg+xml;base64,PHN2Zz4=) [d](data:text/html,hi)")
    assert "<img" not in out
    assert "data:" not in out


def test_ids_cannot_hijack_document_targets() -> None:
    out = render_markdown('<div id="sec-readiness">x</div>')
    assert out == "<div>x</div>"


def test_tables_and_footnotes_with_section_prefix() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1]\n\n[^1]: The note."
    out = render_markdown(text, section_id="vision")
    assert "<table>" in out and "<td>1</td>" in out
    assert 'id="vision-fnref-1"' in out and 'href="#vision-fn-1"' in out
    assert '<li id="vision-fn-1">' in out


def test_headings_shift_below_section_level() -> None:
    assert render_markdown("# Top\n\n## Sub") == "<h3>Top</h3>\n<h4>Sub</h4>"


def test_attribute_quotes_cannot_break_out() -> None:
    out = sanitise_html(
        '<img alt="x\\"><script>alert(1)</script>" src="data:image/png;base64,AA==">'
    )
    assert "<script" not in out
