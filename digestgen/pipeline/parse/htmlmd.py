"""HTML from a feed or an agency item -> Markdown an editor can read and correct.

An allow-list converter over the standard library's HTML parser: paragraphs, headings, lists,
quotes, emphasis, code, links and images become Markdown; scripts, styles, frames, forms and
their contents are dropped; any other element gives its text. Links and images keep only the URLs
safeurl.py allows (a refused link keeps its text, a refused image its alt text). Text is escaped
for Markdown and `<`/`&` are written as entities, so nothing in the text becomes markup, even
with `allow_raw_html: true`. The result then goes through the same renderer as any Markdown body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from digestgen.safety.safeurl import is_safe_url
from digestgen.text.chars import without_controls

_DROP = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "noscript",
        "template",
        "svg",
        "math",
        "form",
        "button",
        "input",
        "select",
        "option",
        "textarea",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "applet",
        "audio",
        "video",
        "canvas",
        "dialog",
    ]
)
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "address",
        "center",
        "body",
        "html",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "hr",
        "body.head",
        "body.content",
        "body.end",
        "hedline",
        "hl1",
        "hl2",
        "abstract",
        "byline",
        "nitf",
        "block",
    ]
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "hl1": 2, "hl2": 3}
_MAX_DEPTH = 200
"""Elements nested deeper than this are read as text of the level above (no stack to exhaust)."""


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: unclosed elements end with their parent, stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.split(":")[-1]  # a namespace prefix (xhtml:p) changes nothing
        if self.dropping:
            if tag in _DROP and tag not in _VOID:
                self.dropping += 1
            return
        if tag in _DROP:
            if tag not in _VOID:
                self.dropping = 1
            return
        if tag in ("p", "li", "dt", "dd", "tr", "td", "th") or (tag in _BLOCKS and self.stack[-1].tag == "p"):
            self._close_implied(tag)
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.split(":")[-1]
        if not self.dropping and tag not in _DROP:
            self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def _close_implied(self, tag: str) -> None:
        """A new paragraph or list item ends an open one (HTML's optional end tags)."""
        closes = {
            "li": ("li",),
            "dt": ("dt", "dd"),
            "dd": ("dt", "dd"),
            "tr": ("tr", "td", "th"),
            "td": ("td", "th"),
            "th": ("td", "th"),
        }.get(tag, ("p",))
        fences = {"li": ("ul", "ol"), "dt": ("dl",), "dd": ("dl",), "tr": ("table",), "td": ("tr",), "th": ("tr",)}
        for i in range(len(self.stack) - 1, 0, -1):
            current = self.stack[i].tag
            if current in closes:
                del self.stack[i:]
                return
            if current in fences.get(tag, ()) or current in ("blockquote", "div", "section", "article"):
                return

    def handle_endtag(self, tag: str) -> None:
        tag = tag.split(":")[-1]
        if self.dropping:
            if tag in _DROP:
                self.dropping -= 1
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.stack[-1].children.append(data)


_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)])", re.MULTILINE)


def _escape(text: str) -> str:
    """Text that Markdown shows as written: its markup characters escaped, `&` and `<` as entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", text)


def _url(url: str) -> str | None:
    url = without_controls(url).strip()
    if not url or not is_safe_url(url):
        return None
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


class _Writer:
    """Renders the tree: a list of Markdown blocks, inline text collected per block."""

    def blocks(self, node: _Node, depth: int = 0) -> list[str]:
        out: list[str] = []
        line: list[str] = []

        def flush() -> None:
            text = _tidy("".join(line))
            if text:
                out.append(_protect(text))
            line.clear()

        for child in node.children:
            if isinstance(child, str):
                line.append(_escape(child))
            elif child.tag in _BLOCKS:
                flush()
                out += self.block(child, depth)
            else:
                line.append(self.inline(child))
        flush()
        return out

    def block(self, node: _Node, depth: int) -> list[str]:
        tag = node.tag
        if tag in _HEADINGS:
            text = _tidy(self.inline_children(node))
            return [f"{'#' * _HEADINGS[tag]} {text}"] if text else []
        if tag == "hr":
            return ["* * *"]
        if tag == "pre":
            code = _text(node).strip("\n")
            fence = "~~~~" if "```" in code else "```"
            return [f"{fence}\n{code.replace(fence, '')}\n{fence}"] if code.strip() else []
        if tag in ("ul", "ol"):
            return self.list(node, depth)
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(node, depth))
            return ["\n".join(f"> {ln}" if ln else ">" for ln in inner.split("\n"))] if inner else []
        if tag == "tr":
            cells = [_tidy(self.inline_children(c)) for c in node.children if isinstance(c, _Node)]
            row = " · ".join(c for c in cells if c)
            return [_protect(row)] if row else []
        return self.blocks(node, depth)

    def list(self, node: _Node, depth: int) -> list[str]:
        items: list[str] = []
        number = 1
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    items.append(f"- {_escape(child.strip())}")
                continue
            body = self.blocks(child, depth + 1) if child.tag == "li" else self.block(child, depth + 1)
            if not body:
                continue
            marker = f"{number}. " if node.tag == "ol" else "- "
            number += 1
            text = "\n\n".join(body)
            indent = " " * 4
            lines = text.split("\n")
            items.append(marker + lines[0] + "".join(f"\n{indent}{ln}" if ln else "\n" for ln in lines[1:]))
        return ["\n".join(items)] if items else []

    def inline_children(self, node: _Node) -> str:
        return "".join(_escape(c) if isinstance(c, str) else self.inline(c) for c in node.children)

    def inline(self, node: _Node) -> str:
        tag = node.tag
        if tag == "br":
            return "  \n"
        if tag == "img":
            alt = _escape(_tidy(node.attrs.get("alt", "")))
            src = _url(node.attrs.get("src", ""))
            return f"![{alt}]({src})" if src else alt
        text = self.inline_children(node)
        if tag in _BLOCKS:  # a block inside a line (a <p> in a <span>): keep its words apart
            return f" {text} "
        if not text.strip():
            return text
        lead, core, trail = _split_space(text)
        if tag in ("strong", "b"):
            return f"{lead}**{core}**{trail}"
        if tag in ("em", "i", "cite"):
            return f"{lead}*{core}*{trail}"
        if tag in ("code", "kbd", "samp", "tt"):
            plain = _text(node).strip().replace("`", "'")
            return f"{lead}`{plain}`{trail}" if plain else text
        if tag == "a":
            href = _url(node.attrs.get("href", ""))
            return f"{lead}[{core}]({href}){trail}" if href else text
        return text


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.find(core)
    return text[:start], core, text[start + len(core) :]


def _text(node: _Node) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in node.children)


def _tidy(text: str) -> str:
    """Runs of white space as one space; hard line breaks kept."""
    parts = [" ".join(part.split()) for part in text.split("  \n")]
    return "  \n".join(p for p in parts if p).strip()


def _protect(text: str) -> str:
    """A paragraph whose line starts like a heading, quote, list or rule stays a paragraph."""

    def escape(m: re.Match[str]) -> str:
        space, mark = m.group(1), m.group(2)
        return f"{space}{mark[:-1]}\\{mark[-1]}"  # "1." -> "1\.", "#" -> "\#"

    return _LINE_START.sub(escape, text)


def html_to_markdown(fragment: str) -> str:
    """Markdown for an HTML fragment (a feed's content, an agency body): blocks separated by blank lines."""
    builder = _TreeBuilder()
    builder.feed(without_controls(fragment))
    builder.close()
    return "\n\n".join(_Writer().blocks(builder.root)).strip() + "\n"


def text_to_markdown(text: str) -> str:
    """Plain text (an agency's `body_text`) as Markdown paragraphs, nothing in it read as markup."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", without_controls(text))]
    return "\n\n".join(_protect(_escape(p)) for p in paragraphs if p).strip() + "\n"
