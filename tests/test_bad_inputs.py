"""Every known bad input fails with the right `path:line: message` and leaves `site/` untouched.

Each case is a folder under tests/sites/bad/ with its content (and optionally a
digestgen.yaml or templates) and `expected_error.txt`, the exact lines the build reports.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digestgen.commands.build import build
from digestgen.config import load_config
from digestgen.errors import BuildFailed
from digestgen.pipeline.cache.store import CACHE_DIR
from digestgen.pipeline.publish.outdir import MARKER
from tests.conftest import SITES, tree_hash

CASES = sorted(p.name for p in (SITES / "bad").iterdir() if p.is_dir())


def _previous_site(root: Path) -> Path:
    site = root / "site"
    (site / "articles" / "old").mkdir(parents=True)
    (site / MARKER).write_text("marker\n")
    (site / "index.html").write_text("<p>the previous build</p>\n")
    (site / "articles" / "old" / "index.html").write_text("<p>old</p>\n")
    return site


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_cleanly(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / case
    shutil.copytree(SITES / "bad" / case, root)
    expected = (root / "expected_error.txt").read_text(encoding="utf-8").splitlines()
    (root / "expected_error.txt").unlink()
    site = _previous_site(root)
    before = tree_hash(site)
    monkeypatch.chdir(root)
    with pytest.raises(BuildFailed) as failure:
        build(load_config())
    assert [str(p) for p in failure.value.problems] == expected
    assert tree_hash(site) == before
    left = sorted(p.name for p in root.iterdir() if p.name != CACHE_DIR)
    made = sorted([p.name for p in (SITES / "bad" / case).iterdir() if p.name != "expected_error.txt"] + ["site"])
    assert left == made, "no staging folder may be left behind"


def test_every_case_has_an_expected_error() -> None:
    for case in CASES:
        assert (SITES / "bad" / case / "expected_error.txt").is_file(), case
