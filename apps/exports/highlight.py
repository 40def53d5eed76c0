"""A file of an export as highlighted, escaped HTML (Pygments)."""

from __future__ import annotations

from functools import cache

from django.utils.safestring import SafeString, mark_safe
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_for_filename
from pygments.util import ClassNotFound

CSS_CLASS = "highlight"
# Longer files are previewed in part; the whole is a download away.
PREVIEW_MAX_CHARACTERS = 100_000


def _lexer_for(path: str):
    try:
        return get_lexer_for_filename(path, stripnl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False)


def highlighted(path: str, text: str) -> SafeString:
    """`text` as HTML: Pygments escapes every character it does not mark up."""
    formatter = HtmlFormatter(cssclass=CSS_CLASS, linenos="table")
    return mark_safe(highlight(text, _lexer_for(path), formatter))


@cache
def style_rules() -> str:
    """The colours of highlighted code, for a <style> element."""
    return HtmlFormatter(cssclass=CSS_CLASS).get_style_defs(f".{CSS_CLASS}")
