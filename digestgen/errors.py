"""The small exception hierarchy; only the CLI turns these into exit codes."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

# C0 and C1 controls, and the line and paragraph separators some terminals and editors break lines at.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """Control characters shown as escapes, so a message about any file name stays one line."""
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), _escape(m.group())), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True)
class Problem:
    """One located problem: rendered as `path:line: message` (`path:line: warning: message`).

    An error fails the run; a warning is reported and the run goes on (unless the project is strict).
    """

    path: str
    line: int | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        path = self.path if not _CONTROL.search(self.path) else f"'{one_line(self.path)}'"
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {'warning: ' if self.warning else ''}{one_line(self.message)}"


class Problems:
    """The one place a run's problems go: each stage reports what it finds here, in order, and goes
    on (a stage raises BuildFailed only to stop the run). Only the CLI turns them into an exit code."""

    def __init__(self, found: Iterable[Problem] = ()) -> None:
        self._found: list[Problem] = list(found)

    def add(self, path: str, line: int | None, message: str, *, warning: bool = False) -> None:
        """Report one problem at `path:line`."""
        self._found.append(Problem(path, line, message, warning))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._found.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    @property
    def failed(self) -> bool:
        """Whether any problem is an error (warnings let a run publish)."""
        return any(not p.warning for p in self._found)

    def replace_all(self, problems: Iterable[Problem]) -> None:
        """Keep `problems` instead (the run re-judges warnings as errors under `strict`)."""
        self._found = list(problems)


class DigestError(Exception):
    """A located error in the user's project (content, config, templates, output)."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(str(Problem(path, line, message)))
        self.problem = Problem(path, line, message)


class BuildFailed(Exception):
    """Every problem of one run, reported together."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def os_problem(exc: OSError, action: str, fallback: str, shown: Mapping[str, str] | None = None) -> Problem:
    """An OSError as `path: cannot <action>: <reason>`; `shown` rewrites path prefixes (staging -> output)."""
    path = os.fsdecode(exc.filename) if exc.filename is not None else fallback
    for prefix, replacement in (shown or {}).items():
        if path == prefix or path.startswith(prefix + os.sep):
            path = replacement + path[len(prefix) :]
    return Problem(path, None, f"cannot {action}: {exc.strerror or exc}")


@contextlib.contextmanager
def os_errors(action: str, fallback: str, shown: Mapping[str, str] | None = None) -> Iterator[None]:
    """Turn any OSError raised inside the block into BuildFailed with one located problem."""
    try:
        yield
    except OSError as exc:
        raise BuildFailed([os_problem(exc, action, fallback, shown)]) from None
