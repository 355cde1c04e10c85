"""The small exception hierarchy; only the CLI turns these into exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem: rendered as `path:line: message`."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


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
