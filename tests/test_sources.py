"""sources (LOAD): which files are content, how they are decoded, and symlink/size confinement."""

from __future__ import annotations

import codecs
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.config import load_config
from digestgen.errors import BuildFailed, Problem, Problems
from digestgen.model import MOJIBAKE, SourceFile
from digestgen.pipeline.load.sources import MAX_BYTES, find_sources, is_ignored, read_source
from tests.conftest import tree_hash
from tests.support import SMALL_REGISTRY, build_project, md

Make = Callable[..., Path]


def _found(root: Path) -> tuple[list[str], list[str]]:
    problems = Problems()
    sources = find_sources(load_config(root=root), problems)
    return [s.path for s in sources], [str(p) for p in problems]


def test_sources_are_sorted_and_filtered_by_suffix(make_project: Make) -> None:
    root = make_project(
        {
            "content/b.md": "x",
            "content/a.txt": "x",
            "content/2024/z.markdown": "x",
            "content/2024/a.MD": "x",
            "content/notes.html": "x",
            "content/img.png": b"\x89PNG",
            "content/README": "x",
        }
    )
    assert _found(root) == (["content/2024/a.MD", "content/2024/z.markdown", "content/a.txt", "content/b.md"], [])


@pytest.mark.parametrize("name", [".x.md.swp", "x.md~", "#x.md#", "4913", ".DS_Store", ".hidden.md", "x.md.tmp"])
def test_editor_litter_is_ignored(name: str) -> None:
    assert is_ignored(name)


# Each name is caught by one rule only (no leading dot), so deleting that rule fails its case.
@pytest.mark.parametrize("name", ["x.md.swp", "x.md.swx", "x.md~", "#x.md#", "~x.md", "x.md.tmp", "4913"])
def test_each_litter_rule_catches_its_own_names(name: str) -> None:
    assert is_ignored(name)


@pytest.mark.parametrize("name", ["x.md", "2024", "notes.txt", "a~b.md"])
def test_real_names_are_not_ignored(name: str) -> None:
    assert not is_ignored(name)


def test_litter_does_not_change_the_build(make_project: Make, tmp_path: Path) -> None:
    files = {"content/x.md": md("Gas talks")}
    clean = make_project(files, config=SMALL_REGISTRY)
    build_project(clean)
    expected = tree_hash(clean / "site")
    litter = {
        ".x.md.swp": b"\0vim",
        "x.md.swp": b"\0vim",
        "x.md~": "old",
        "#x.md#": "emacs",
        "4913": "",
        ".DS_Store": b"\0\1",
    }
    for name, data in litter.items():
        path = clean / "content" / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    (clean / "content" / "empty-dir").mkdir()
    (clean / "content" / ".git").mkdir()
    (clean / "content" / ".git" / "x.md").write_text("not content", encoding="utf-8")
    build_project(clean)
    assert tree_hash(clean / "site") == expected


def test_missing_content_folder(make_project: Make) -> None:
    root = make_project({})
    found, problems = _found(root)
    assert found == [] and len(problems) == 1
    assert problems[0].startswith("content: content folder not found (content_dir in ")
    assert problems[0].endswith("digestgen.yaml); create it and put the articles there")


def test_bom_and_newlines_are_normalised(tmp_path: Path) -> None:
    for name, data in {
        "lf.md": b"a\nb\n",
        "crlf.md": b"\xef\xbb\xbfa\r\nb\r\n",
        "cr.md": b"a\rb\r",
        "mixed.md": b"a\r\nb\r",
    }.items():
        (tmp_path / name).write_bytes(data)
        source = read_source(tmp_path / name, tmp_path)
        assert source.text == "a\nb\n", name  # type: ignore[union-attr]


_RNG = random.Random(1)
NOISE = bytes(_RNG.randrange(0x80, 0x100) for _ in range(400))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "noise.md",
            b"---\ntitle: x\n---\n" + NOISE,
            "not valid UTF-8 (byte 0xa2 at offset 17), and no legacy encoding reads it as text",
        ),
        ("utf16.md", "Gas talks\n".encode("utf-16-le"), "file contains NUL bytes (binary file?)"),
        (
            "bad16.md",
            codecs.BOM_UTF16_LE + b"\x00\xd8",
            "not valid UTF-8 (byte 0xff at offset 0), nor valid UTF-16 after its byte-order mark",
        ),
    ],
)
def test_files_that_are_not_text_are_refused_in_words(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / name).write_bytes(data)
    problem = read_source(tmp_path / "content" / name, tmp_path)
    assert problem == Problem(f"content/{name}", None, message)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (
            "\u201cWe will not yield\u201d \u2013 the minister.\n".encode("cp1252"),
            "\u201cWe will not yield\u201d \u2013 the minister.\n",
            "cp1252",
        ),
        ("Z\u00fcrich talks\n".encode("latin-1"), "Z\u00fcrich talks\n", "cp1252"),
        (
            "Путин и Лукашенко обсудили ситуацию на границе\n".encode("cp1251"),
            "Путин и Лукашенко обсудили ситуацию на границе\n",
            "cp1251",
        ),
        ("Gas talks\n".encode("utf-16"), "Gas talks\n", "utf-16"),
    ],
)
def test_a_legacy_encoding_is_read_and_named(tmp_path: Path, data: bytes, text: str, encoding: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.txt").write_bytes(data)
    source = read_source(tmp_path / "content" / "x.txt", tmp_path)
    assert isinstance(source, SourceFile) and (source.text, source.encoding) == (text, encoding)


def test_one_odd_byte_never_blocks_a_build_of_many_files(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    from digestgen.cli import main

    files = {f"content/s{n:03}.txt": f"Story {n}\n\nPresident Vladimir Putin spoke on day {n}.\n" for n in range(500)}
    root = make_project(files)
    (root / "content" / "s250.txt").write_bytes("Story 250\n\nThe \u201cdeal\u201d was signed.\n".encode("cp1252"))
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["build"]) == 0
        err = capsys.readouterr().err
        assert "content/s250.txt: warning: not UTF-8: read as WINDOWS-1252; save it as UTF-8 to be sure" in err
        assert "\u201cdeal\u201d" in (root / "site/articles/s250/index.html").read_text(encoding="utf-8")
        (root / "digestgen.yaml").write_text("strict: true\n", encoding="utf-8")
        assert main(["build"]) == 1
        assert "content/s250.txt: not UTF-8: read as WINDOWS-1252" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text,expected",
    [
        # UTF-8 read as Windows-1252 once or twice before the file was saved (wire headlines do this)
        (
            "Romney\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2s agenda\n\nBody.\n",
            "Romney\u2019s agenda\n\nBody.\n",
        ),
        (
            "Caf\u00c3\u00a9 talks\n\nThe \u00c3\u00a9t\u00c3\u00a9 deal.\n",
            "Caf\u00e9 talks\n\nThe \u00e9t\u00e9 deal.\n",
        ),
        (
            "\u00d0\u009f\u00d1\u0083\u00d1\u0082\u00d0\u00b8\u00d0\u00bd spoke\n\nBody.\n",
            "\u041f\u0443\u0442\u0438\u043d spoke\n\nBody.\n",
        ),
        (
            "Wa\u00c5\u201a\u00c4\u2122sa and Babi\u00c5\u00a1 met\n\nBody.\n",
            "Wa\u0142\u0119sa and Babi\u0161 met\n\nBody.\n",
        ),
    ],
)
def test_mojibake_is_repaired_with_a_warning(make_project: Make, text: str, expected: str) -> None:
    root = make_project({"content/x.txt": text})
    source = read_source(root / "content" / "x.txt", root)
    assert isinstance(source, SourceFile) and source.text == expected and source.encoding == MOJIBAKE
    from digestgen.model import Article
    from digestgen.pipeline.parse.articles import parse_article
    from digestgen.taxonomy.registry import load_registry

    config = load_config(None, root=root)
    report = Problems()
    article = parse_article(source, config, load_registry(config), report)
    problems = list(report)
    assert isinstance(article, Article) and "\u00c3" not in article.title and "\u00d0" not in article.title
    assert [p.warning and "decoded twice" in p.message for p in problems] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "S\u00c3O PAULO, May 5 (Reuters) - Talks began.\n",  # a capital \u00c3 in Portuguese
        "Caf\u00e9 \u201cquotes\u201d stay \u2014 as written.\n",
        "\u00c2ngela and \u00c3ngelo met in S\u00e3o Tom\u00e9.\n",
        # past the pre-filter (a lead letter and a dash), and left alone by ftfy
        "The caf\u00e9\u2013bar in S\u00e3o Tom\u00e9 is na\u00efve \u2014 \u201cok\u201d.\n",
    ],
)
def test_text_without_mojibake_is_left_as_written(tmp_path: Path, text: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.txt").write_text(text, encoding="utf-8")
    source = read_source(tmp_path / "content" / "x.txt", tmp_path)
    assert isinstance(source, SourceFile) and (source.text, source.encoding) == (text, "utf-8")


def test_a_file_gone_before_it_is_read_is_a_problem(tmp_path: Path) -> None:
    """The preview rebuilds while files change: one deleted after the folder was listed is reported."""
    problem = read_source(tmp_path / "content" / "gone.md", tmp_path)
    assert problem == Problem("content/gone.md", None, "cannot read file: No such file or directory")


@pytest.mark.parametrize(("name", "markup"), [("a.md", "markdown"), ("b.MARKDOWN", "markdown"), ("c.TXT", "text")])
def test_read_source_names_the_file_and_its_markup(tmp_path: Path, name: str, markup: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / name).write_text("x\n", encoding="utf-8")
    source = read_source(tmp_path / "content" / name, tmp_path)
    assert source == SourceFile(path=f"content/{name}", stem=name.split(".")[0], markup=markup, text="x\n")  # type: ignore[arg-type]


def test_files_are_named_relative_to_the_project_even_through_a_link(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "content" / "x.md").write_bytes(b"\0")
    (tmp_path / "link").symlink_to(project, target_is_directory=True)
    problem = read_source(tmp_path / "link" / "content" / "x.md", project)
    assert problem == Problem("content/x.md", None, "file contains NUL bytes (binary file?)")
    outside = tmp_path / "elsewhere.md"
    outside.write_bytes(b"\0")
    assert read_source(outside, project) == Problem(str(outside), None, "file contains NUL bytes (binary file?)")


def test_bom_crlf_and_cr_build_the_same_site_as_lf(tmp_path: Path, make_project: Make) -> None:
    text = md("Putin & Xi at the summit", leaders=("Putin", "Xi")) + "\nSecond paragraph.\n\n- a\n- b\n"
    hashes = set()
    for variant in ("lf", "crlf", "cr"):
        data = text.replace("\n", {"lf": "\n", "crlf": "\r\n", "cr": "\r"}[variant]).encode()
        if variant != "lf":
            data = b"\xef\xbb\xbf" + data
        root = tmp_path / variant
        root.mkdir()
        (root / "digestgen.yaml").write_text(SMALL_REGISTRY, encoding="utf-8")
        (root / "content").mkdir()
        (root / "content" / "x.md").write_bytes(data)
        build_project(root)
        hashes.add(tree_hash(root / "site"))
    assert len(hashes) == 1


def test_crlf_keeps_error_lines_right(make_project: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "---\r\ntitle: ok\r\ndate: 2024-11-26\r\ntopics: no\r\n---\r\nbody\r\n"
    root = make_project({"content/x.md": b"\xef\xbb\xbf" + text.encode()}, config=SMALL_REGISTRY)
    monkeypatch.chdir(root)
    with pytest.raises(BuildFailed) as failure:
        build_project(root)
    [problem] = failure.value.problems
    assert (problem.path, problem.line) == ("content/x.md", 4)
    assert "'topics' must be a string or list of strings, got boolean" in problem.message


def test_file_over_the_size_cap(make_project: Make) -> None:
    root = make_project({"content/big.md": b"---\ntitle: x\n---\n" + b"a" * MAX_BYTES, "content/ok.md": "x"})
    assert _found(root) == (["content/ok.md"], ["content/big.md: file is larger than 2 MiB"])


def test_file_at_the_size_cap_is_read(make_project: Make) -> None:
    root = make_project({"content/big.txt": b"a" * MAX_BYTES})
    assert _found(root) == (["content/big.txt"], [])


def test_symlink_outside_content_is_an_error(make_project: Make, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: secret\n---\nid_rsa\n", encoding="utf-8")
    root = make_project({"content/ok.md": "x"})
    (root / "content" / "x.md").symlink_to(secret)
    (root / "content" / "everything").symlink_to("/", target_is_directory=True)
    (root / "content" / "up").symlink_to("..", target_is_directory=True)
    names, problems = _found(root)
    assert names == ["content/ok.md"]
    assert problems == [
        "content/everything: symlink points outside the content folder (/)",
        f"content/up: symlink points outside the content folder ({root.resolve()})",
        f"content/x.md: symlink points outside the content folder ({secret.resolve()})",
    ]


def test_symlinks_inside_content_are_followed(make_project: Make) -> None:
    root = make_project({"content/b.md": "y", "content/zz-real/a.md": "x", "content/zz-real/deep/c.md": "z"})
    (root / "content" / "alias.md").symlink_to("b.md")
    (root / "content" / "deep-link").symlink_to("zz-real/deep", target_is_directory=True)
    (root / "content" / "mirror").symlink_to("zz-real", target_is_directory=True)
    names, problems = _found(root)
    assert names == ["content/alias.md", "content/b.md", "content/zz-real/a.md", "content/zz-real/deep/c.md"]
    # A link to a folder that is read anyway is a shortcut, not a loop: skipped, never an error.
    assert problems == []


def test_a_link_back_up_the_tree_is_not_read_twice(make_project: Make) -> None:
    root = make_project({"content/a/x.md": "x"})
    (root / "content" / "a" / "top").symlink_to("..", target_is_directory=True)
    assert _found(root) == (["content/a/x.md"], [])


def test_an_unreadable_folder_is_a_problem_not_a_crash(make_project: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    # Injected rather than chmod-ed: root (as CI runs) can read any folder.
    root = make_project({"content/ok.md": "x", "content/locked/y.md": "y", "content/zz/z.md": "z"})
    real = os.scandir

    def scandir(path: os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _found(root) == (
        ["content/ok.md", "content/zz/z.md"],  # the folders after it are still read
        ["content/locked: cannot read folder: Permission denied"],
    )


def test_a_link_to_a_skipped_folder_is_read(make_project: Make) -> None:
    """Dot folders are skipped, so a link to one is the only way in: no duplicate, no error."""
    root = make_project({"content/b.md": "y", "content/.real/a.md": "x", "content/real/c.md": "z"})
    (root / "content" / "shortcut").symlink_to("real", target_is_directory=True)  # read anyway: skipped
    (root / "content" / "view").symlink_to(".real", target_is_directory=True)
    assert _found(root) == (["content/b.md", "content/real/c.md", "content/view/a.md"], [])


def test_an_entry_that_cannot_be_inspected_is_a_problem_and_the_rest_is_read(
    make_project: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link that vanishes while the folder is read (the link cannot even be read back) is reported."""
    root = make_project({"content/a.md": "x", "content/z.md": "z"})
    (root / "content" / "gone.md").symlink_to("nowhere.md")

    def readlink(path: object) -> str:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "readlink", readlink)
    assert _found(root) == (["content/a.md", "content/z.md"], ["content/gone.md: cannot read: Permission denied"])


def test_files_come_in_plain_sorted_order_of_their_paths_below_content(make_project: Make) -> None:
    """The build order: '/' sorts before digits and letters, so a folder comes before its longer namesakes."""
    root = make_project({"content/2024/x.md": "x", "content/20240.md": "x", "content/2024A.md": "x"})
    assert _found(root) == (["content/2024/x.md", "content/20240.md", "content/2024A.md"], [])


def test_file_symlink_inside_content_builds(make_project: Make) -> None:
    root = make_project({"content/b.md": md("Gas deal")}, config=SMALL_REGISTRY)
    (root / "content" / "alias.md").symlink_to("b.md")
    report = build_project(root)
    assert report.articles == 2
    assert (root / "site" / "articles" / "alias" / "index.html").is_file()


def test_symlink_loops_are_reported_not_followed(make_project: Make) -> None:
    root = make_project({"content/sub/a.md": "x"})
    (root / "content" / "sub" / "back").symlink_to("..", target_is_directory=True)
    (root / "content" / "one.md").symlink_to("two.md")
    (root / "content" / "two.md").symlink_to("one.md")
    names, problems = _found(root)
    assert names == ["content/sub/a.md"]
    assert problems == [
        "content/one.md: symlink loop",
        "content/two.md: symlink loop",
    ]  # content/sub/back leads to a folder read anyway: skipped, not followed forever


def test_broken_symlink_is_reported(make_project: Make) -> None:
    root = make_project({"content/a.md": "x"})
    (root / "content" / "gone.md").symlink_to("nowhere.md")
    assert _found(root) == (["content/a.md"], ["content/gone.md: broken symlink (target nowhere.md does not exist)"])


def test_symlink_errors_fail_the_build_and_keep_the_site(
    make_project: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({"content/a.md": md("Gas deal")}, config=SMALL_REGISTRY)
    build_project(root)
    before = tree_hash(root / "site")
    (root / "content" / "leak.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "outside.md").write_text(md("Outside"), encoding="utf-8")
    monkeypatch.chdir(root)
    with pytest.raises(BuildFailed) as failure:
        build_project(root)
    assert [str(p) for p in failure.value.problems] == [
        f"content/leak.md: symlink points outside the content folder ({(tmp_path / 'outside.md').resolve()})"
    ]
    assert tree_hash(root / "site") == before


def test_symlinks_out_of_static_and_templates_are_refused(make_project, capsys) -> None:  # type: ignore[no-untyped-def]
    from digestgen.cli import main

    outside = make_project({"content/a.md": md("Story")}).parent / "secret.txt"
    outside.write_text("root:x:0:0:secret\n", encoding="utf-8")
    root = outside.parent / "project"
    for rel in ("static/passwd.txt", "templates/article.html", "templates/static/style.css"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(outside)
    (root / "static" / "inside.txt").symlink_to(root / "content" / "a.md")  # a link that stays inside: fine
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["build"]) == 1
    err = capsys.readouterr().err
    for rel, folder in (
        ("templates/article.html", "templates"),
        ("templates/static/style.css", "templates"),
        ("static/passwd.txt", "static"),
    ):
        assert f"{rel}: symlink points outside the {folder} folder ({outside})" in err
    assert not (root / "site").exists()
