"""What a page carries around a story that is not the story: photo captions, editor's notes, share and
newsletter prompts, "Read more" links, bylines. It stays in the article's body (a spliced link box
does not), but titles, cards, dates, eras and topics are read from the story's own text (`story_text`).

Every rule is about the shape of a line, never about a particular story or outlet's text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

_CAPTION_CREDIT = re.compile(
    r"(?i:\((?:AP|AFP|Reuters|EPA|Getty|UPI|Xinhua|Photo|Photos|File|Pool)(?: Photo)?\s*[/:][^()]{0,80}\)\s*$)"
    r"|\b(?:REUTERS|AFP|AP|EPA)/[A-Z][\w .\-]+(?:\s+TPX.*)?$"
    r"|\b(?:Getty Images|AFP via Getty Images|Bloomberg via Getty Images)\s*$"
    r"|\((?:[A-Z][\w.]*\s)?(?i:photos?|images?|pictures?|video)\s+(?i:by|courtesy(?: of)?|credit:?)\s[^()]{1,80}\)\s*$"
    r"|\([^()]{1,80}\svia (?:AP|AFP|Reuters|Getty Images)\)\s*$"  # "(Jane Doe/The Journal via AP)"
    # A caption sentence, then its credit after a bar: "... in Syria. | REUTERS"
    r"|[.!?\"\u201d\u2019)]\s+\|\s+[^|]{1,60}$"
)
_CAPTION_START = re.compile(
    r"^(?:FILE\s*[-\u2013\u2014:]|\(?File photo\)?|In this (?:[^,]{0,60},\s*)?(?:[\w.]+\s+\d{1,2},\s+\d{4},?\s+)?"
    r"(?:file\s+)?(?:photo|image|picture)|This (?:\w+\s+\d{1,2},\s+\d{4},?\s+)?(?:file\s+)?photo\b"
    r"|Enlarge this image|toggle caption|hide caption|Image caption|Photo caption|Caption:"
    # A video player's caption opens with its close button's label ("CLOSE President Trump said ...")
    r"|(?-i:CLOSE(?:\s+(?=[A-Z\"\u201c\u2018'])|\s*$)))",
    re.IGNORECASE,
)
_NOTE = re.compile(
    r"^[\[(]?\s*(?:Editor['\u2019]s\s+note|Editors['\u2019]\s+note|Corrections?(?:\s+(?:and|&)\s+Clarifications?)?"
    r"|Clarification|Disclosure|Update)\s*[:\-\u2013]",
    re.IGNORECASE,
)
_MONTH_OR_DAY = r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_STAMP = re.compile(
    r"^[\[(\u2014\u2013*_\s-]*(?:(?:Last\s+)?Updated?|Published|First published|Originally published|Posted|Corrected)"
    rf"(?::|\s)+(?:on\s+|at\s+)?(?:{_MONTH_OR_DAY}|by\b[^@\n]{{1,60}}@).{{0,160}}$"
    r"|^\((?:Corrects|Updates|Refiles|Adds|Recasts|Removes|Fixes)\b[^()]{0,300}\)$"
    r"|^(?:This (?:article|story|piece)|It) (?:first|originally) (?:appeared|ran|was published)\b.{0,160}$",
    re.IGNORECASE,
)
_AGE = re.compile(r"^This (?:article|story|piece) is more than \d+ (?:days?|weeks?|months?|years?) old\.?$", re.I)
_PROMPT = re.compile(
    r"^(?:Read more\b.{0,80}$|.{0,200}\bRead more:?$|Related:?\s.{0,200}$|RELATED\b.{0,200}$"
    r"|(?:Read or )?Share this (?:story|article)\b|Share This Story\b|Click (?:here )?to (?:share|read|subscribe)"
    r"|Sign up\b|.{0,120}\bSign up (?:here |today |now )?(?:for|to receive)\b.{0,120}(?:newsletter|briefing|inbox|email)"
    r"|.{0,80}\bnewsletter\b.{0,60}Sign Up\b|Follow (?:us )?(?:on \w+ )?@\w+"
    r"|Subscribe (?:to|now)\b|Advertisement\s*$|Story continues below\b|Continue reading\b)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:By|BY|Von|Par)\s+[A-Z][\w.'\u2019\-]+(?:\s+[A-Z][\w.'\u2019\-]+){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'\u2019\-]+(?:\s+[A-Z][\w.'\u2019\-]+){0,4})*"
    r"(?:\s*[,|\u2013\u2014-]\s*[\w .,'\u2019]{0,60})?$"
    r"|^(?:Reporting|Additional reporting|Writing|Editing) by\s.{0,200}$",
)


def _credited(text: str) -> bool:
    """Whether a line ends in a photo credit; each credit has a ")", a "/", a "|" or "Getty", and the
    unanchored search is only run on lines that have one."""
    return ("/" in text or ")" in text or "Getty" in text or "|" in text) and _CAPTION_CREDIT.search(text) is not None


def is_boilerplate(line: str) -> bool:
    """Whether one line (a paragraph) is page furniture rather than the story."""
    text = line.strip()
    if not text:
        return False
    return bool(
        _credited(text)
        or _CAPTION_START.match(text)
        or _NOTE.match(text)
        or (len(text) < 320 and _STAMP.match(text) is not None)
        or _AGE.match(text)
        or _PROMPT.match(text)
        or (len(text) < 120 and _BYLINE.match(text))
    )


def is_caption(line: str) -> bool:
    """Whether a line is a photo caption (its dates and names describe the photo, not the story)."""
    text = line.strip()
    return bool(text) and (_credited(text) or _CAPTION_START.match(text) is not None)


# A byline of its own, then the outlet on the next line ("Christal Hayes" / "USA TODAY"): either
# alone could be a short headline; together, at the top of a story, they are the byline block.
_NAME = r"[A-Z][a-z\u00e0-\u00ff'\u2019-]+(?:[ .]+[A-Z][\w'\u2019.-]*){1,3}"
_NAMES = re.compile(rf"^{_NAME}(?:(?:,\s*|,?\s+and\s+|\s*&\s*){_NAME})*$")
_PRESS = (
    r"Press|Times|News|Post|Journal|Herald|Tribune|Today|Gazette|Star|Daily|Reuters|Associated|Network|Register"
    r"|Chronicle|Courier|Inquirer|Republic|Sun|Monitor|Observer|Guardian|Telegraph|Globe|Independent|Bee"
    r"|Dispatch|Review|Wire|Agency|Media|Radio|Television|Magazine|Examiner|Record|Bulletin|Standard"
    r"|AP|AFP|Bloomberg|CNN|BBC|NPR|Politico|Axios|Leader"
    # what a byline's second line may say of the writer instead: "Opinion contributor"
    r"|contributor|columnist|correspondent|reporter|writer|editor"
)
# The outlet's name has a word of the press in it: a lone "WASHINGTON" under a short headline is a dateline.
_OUTLET = re.compile(rf"^(?:[\w&.,()'\u2019-]+\s+){{0,4}}(?i:{_PRESS})(?:\s+[\w&.,()'\u2019-]+){{0,3}}$")
_TOP = 3  # how many of the first lines a byline block may open


def furniture(lines: Sequence[str]) -> list[bool]:
    """For each line (a paragraph) whether it is furniture: `is_boilerplate`, or a byline block at the
    top (a line of names, then the outlet's name on the next line)."""
    marks = [is_boilerplate(line) for line in lines]
    filled = [i for i, line in enumerate(lines) if line.strip()][: _TOP + 1]
    if filled and (top := lines[filled[0]].strip()).isupper() and len(top) < 40 and _OUTLET.match(top):
        marks[filled[0]] = True  # the outlet's name alone over the story: "USA TODAY"
    for i, j in itertools.pairwise(filled):
        name, outlet = lines[i].strip(), lines[j].strip()
        if len(name) < 80 and len(outlet) < 40 and _NAMES.match(name) and _OUTLET.match(outlet):
            marks[i] = marks[j] = True
            break
    return marks


def story_lines(lines: Iterable[str]) -> list[str]:
    """The lines that are the story, in order."""
    lines = list(lines)
    return [line for line, furn in zip(lines, furniture(lines), strict=True) if not furn]


# A related-links box spliced into a sentence after a name: "Speaker Nancy Pelosi Nancy PelosiOn The
# Money: ... | Senate to vote ... MORE (D-Calif.) said": the name again in full (its given name or its
# surname repeated), then the box's headlines, which end in "MORE". What the box says is other news.
_WORD = r"[A-Z][\w'\u2019-]+"
_SPLICED_LINKS = re.compile(
    rf"\b(?:(?P<given>{_WORD}) (?P<rest>(?:{_WORD} ){{0,2}}?{_WORD})\b ?(?P=given)(?= )"
    rf"|(?P<sur>{_WORD})(?![a-z]) ?(?:\(?[A-Z][\w.'\u2019-]*\)? ){{0,4}}(?P=sur)(?=[A-Z0-9'\"\u2018\u201c]))"
    r"[^\n]{1,1000}? MORE\b"
)


def _unspliced(m: re.Match[str]) -> str:
    return f"{m['given']} {m['rest']}" if m["given"] else m["sur"]


def without_link_boxes(text: str) -> str:
    """`text` without the related-links boxes spliced into its sentences."""
    return _SPLICED_LINKS.sub(_unspliced, text) if " MORE" in text else text


def story_text(text: str) -> str:
    """`text` without its boilerplate lines and spliced link boxes (paragraph breaks kept)."""
    text = without_link_boxes(text)
    lines = text.split("\n")
    marks = furniture(lines)
    if not any(marks):
        return text
    kept = [line for line, furn in zip(lines, marks, strict=True) if not furn]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Where the photo captions of `text` are (start, end offsets), to discount what they say."""
    spans, at = [], 0
    for line in text.split("\n"):
        if is_caption(line):
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans
