"""reveal.js slides that open with no network: nbconvert's slides with reveal.js inlined.

nbconvert's own reveal template loads reveal.js, require.js and jQuery from public CDNs, so
a workshop without internet sees a blank deck. smmlab ships reveal.js (the files it needs,
with its MIT licence, in ``smmlab/report/static/reveal.js``; ``vendor.sh`` there says how
they were obtained and ``VERSION`` which version) and writes slides with its own template,
``templates/nbconvert/smmlab_reveal``, which inlines them: a ``.slides.html`` file is one
self-contained file that opens from disk, e-mail or a USB stick.

The theme is reveal.js's ``simple`` (nbconvert's default). Its web fonts (News Cycle, Lato)
came from a font CDN; offline, the slides use Lato if it is installed, else the system's
sans-serif.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
...     "# Hello", metadata={"slideshow": {"slide_type": "slide"}})])
>>> html = reveal_slides(nb, "Demo")
>>> "Reveal.initialize" in html, "unpkg" in html
(True, False)
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path
from typing import Any

#: The vendored copy of reveal.js (see ``vendor.sh`` and ``VERSION`` there).
REVEAL_DIR = Path(__file__).resolve().parent / "static" / "reveal.js"
#: nbconvert template folder holding ``smmlab_reveal``.
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "nbconvert"
#: The template's name.
TEMPLATE_NAME = "smmlab_reveal"
#: The reveal.js theme shipped (nbconvert's default).
THEME = "simple"
#: Fonts used instead of the theme's web fonts, which needed the network.
_LOCAL_FONTS = (
    ':root{--r-main-font:Lato,"Helvetica Neue",Helvetica,Arial,sans-serif;'
    '--r-heading-font:"News Cycle","Helvetica Neue",Helvetica,Arial,sans-serif}'
)
_IMPORT = re.compile(r"@import\s+(?:url\()?\s*[\"']?[^;]*;")


def reveal_version() -> str:
    """The version of the reveal.js shipped with smmlab.

    Examples
    --------
    >>> reveal_version().split(".")[0].isdigit()
    True
    """
    text = (REVEAL_DIR / "VERSION").read_text(encoding="utf-8")
    return re.search(r"^version: (\S+)$", text, re.MULTILINE).group(1)


def _data_url(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _css(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if "</style" in text.lower():  # would end the <style> element early
        raise ValueError(f"{path} contains '</style' and cannot be inlined")
    return text


@functools.cache
def reveal_resources() -> dict[str, str]:
    """The inlined reveal.js pieces the ``smmlab_reveal`` template writes into the slides.

    Returns
    -------
    dict
        ``version``, ``reveal_css``, ``theme_css`` (its ``@import`` of web fonts
        removed, local fonts instead), and ``reveal_js_url`` and ``notes_js_url``
        (``data:`` URLs of the scripts).

    Examples
    --------
    >>> sorted(reveal_resources())
    ['notes_js_url', 'reveal_css', 'reveal_js_url', 'theme_css', 'version']
    >>> "@import" in reveal_resources()["theme_css"]
    False
    """
    theme = _IMPORT.sub("", _css(REVEAL_DIR / "theme" / f"{THEME}.css"))
    return {
        "version": reveal_version(),
        "reveal_css": _css(REVEAL_DIR / "reveal.css"),
        "theme_css": theme + "\n" + _LOCAL_FONTS,
        "reveal_js_url": _data_url(REVEAL_DIR / "reveal.js", "text/javascript"),
        "notes_js_url": _data_url(REVEAL_DIR / "plugin" / "notes.js", "text/javascript"),
    }


def slides_exporter(**options: Any) -> Any:
    """nbconvert's ``SlidesExporter`` on the offline template (``options`` passed on).

    Examples
    --------
    >>> slides_exporter(exclude_input=True).template_name
    'smmlab_reveal'
    """
    from nbconvert import SlidesExporter

    return SlidesExporter(template_name=TEMPLATE_NAME,
                          extra_template_basedirs=[str(TEMPLATE_DIR)], **options)


def reveal_slides(nb: Any, title: str, *, exporter: Any = None) -> str:
    """Turn notebook ``nb`` into one self-contained reveal.js page that opens offline.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Cells with ``slideshow`` metadata (``slide``, ``notes``...).
    title : str
        The page title (shown as "<title> slides").
    exporter : SlidesExporter or None, default=None
        One made by :func:`slides_exporter` with extra options (hidden code,
        removed tags...); ``None`` makes a plain one.

    Returns
    -------
    str
        The HTML.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_markdown_cell("Hi", metadata={"slideshow": {"slide_type": "slide"}})
    >>> page = reveal_slides(nbformat.v4.new_notebook(cells=[cell]), "Hello")
    >>> "<title>Hello slides</title>" in page
    True
    """
    exporter = exporter if exporter is not None else slides_exporter()
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title}, "smmlab_reveal": reveal_resources()})
    return body


__all__ = ["REVEAL_DIR", "reveal_resources", "reveal_slides", "reveal_version",
           "slides_exporter"]
