"""`digestgen pull`: feeds served by a local HTTP server started here, written into content/ safely."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from digestgen import cli
from digestgen.commands.pull import Limits, pull
from digestgen.config import load_config
from digestgen.pull.store import STATE_NAME, project_lock
from tests.feedserver import FeedServer, Route, atom, atom_entry, rss, rss_item
from tests.support import build_project, read_tree

Project = Callable[..., Path]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    served = FeedServer()
    yield served
    served.close()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A project folder whose digestgen.yaml lists `feeds` ({name: url or {url, ...}}); the cwd is the project."""

    def make(feeds: dict[str, str | dict[str, object]], extra: str = "") -> Path:
        root = tmp_path / "desk"
        (root / "content").mkdir(parents=True, exist_ok=True)
        lines = [extra, "feeds:"]
        for name, spec in feeds.items():
            spec = {"url": spec} if isinstance(spec, str) else spec
            lines.append(f"  - name: {name}")
            lines += [f"    {k}: {json.dumps(v)}" for k, v in spec.items()]
        (root / "digestgen.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        monkeypatch.chdir(root)
        return root

    return make


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["pull", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _articles(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


RSS_ITEMS = (
    rss_item(
        "urn:probe:1", "Putin and Lukashenko sign a treaty in Minsk", "&lt;p&gt;Body &lt;b&gt;one&lt;/b&gt;&lt;/p&gt;"
    ),
    rss_item(
        "urn:probe:2",
        "Gas talks &amp; a deal",
        "<![CDATA[<script>alert('cdata')</script><p>Read <a href=\"javascript:alert(1)\">this</a> &amp; "
        '<a href="https://probe.example/more">more</a>.</p>]]>',
    ),
    rss_item(None, "An item without a guid", "&lt;p&gt;No guid: known by its link.&lt;/p&gt;"),
)
ATOM_ENTRIES = (
    atom_entry("urn:atom:1", "Atom one", "<p>First <em>entry</em> &amp; more.</p><script>alert('atom')</script>"),
    atom_entry("urn:atom:2", "Atom two", '<p>Second <img src="x" onerror="alert(2)"> entry.</p>'),
)


def test_two_feeds_first_pull_then_nothing_then_one_new_item(
    server: FeedServer, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's "done when": one file per item; a second pull changes nothing; one new item, one new file."""
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    server.routes["/atom"] = Route(atom(*ATOM_ENTRIES), content_type="application/atom+xml")
    root = project({"probe-wire": server.url("/rss"), "atom-desk": server.url("/atom")})

    assert _run(
        capsys,
    ) == (0, "probe-wire: 3 new, 0 updated, 0 unchanged\natom-desk: 2 new, 0 updated, 0 unchanged\n", "")
    assert sorted(_articles(root / "content/probe-wire")) == [
        "2024-12-06-an-item-without-a-guid.md",
        "2024-12-06-gas-talks-a-deal.md",
        "2024-12-06-putin-and-lukashenko-sign.md",
    ]
    assert len(_articles(root / "content/atom-desk")) == 2
    before = read_tree(root)

    assert _run(capsys) == (
        0,
        "probe-wire: 0 new, 0 updated, 3 unchanged\natom-desk: 0 new, 0 updated, 2 unchanged\n",
        "",
    )
    assert read_tree(root) == before, "a second pull of unchanged feeds changes no byte"

    server.routes["/rss"].body = rss(rss_item("urn:probe:4", "A fresh item", "&lt;p&gt;New.&lt;/p&gt;"), *RSS_ITEMS)
    assert _run(capsys, "probe-wire")[1] == "probe-wire: 1 new, 0 updated, 3 unchanged\n"
    after = read_tree(root)
    added = set(after) - set(before)
    assert added == {"content/probe-wire/2024-12-06-a-fresh-item.md"}
    assert {k: v for k, v in after.items() if k in before and not k.endswith(STATE_NAME)} == {
        k: v for k, v in before.items() if not k.endswith(STATE_NAME)
    }


def test_an_article_has_the_items_fields_and_a_sanitised_markdown_body(server: FeedServer, project: Project) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    root = project({"probe-wire": {"url": server.url("/rss"), "lang": "en"}}, extra="timezone: Europe/Moscow")
    pull(load_config())
    found = _articles(root / "content/probe-wire")
    assert found["2024-12-06-putin-and-lukashenko-sign.md"] == (
        "---\ntitle: Putin and Lukashenko sign a treaty in Minsk\ndate: 2024-12-06 09:30:00+03:00\n"
        "source: Probe Wire\nsource_url: https://probe.example/putin-and-lukashenko-sign-a-treaty-in-minsk\n"
        "id: urn:probe:1\nlang: en\n---\nBody **one**\n"
    )
    gas = found["2024-12-06-gas-talks-a-deal.md"]
    assert "title: Gas talks & a deal\n" in gas
    assert gas.endswith("---\nRead this &amp; [more](https://probe.example/more).\n")  # no script, no javascript: link
    guidless = found["2024-12-06-an-item-without-a-guid.md"]
    assert "id: https://probe.example/an-item-without-a-guid\n" in guidless


def test_no_feeds_script_reaches_the_site(server: FeedServer, project: Project) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    server.routes["/atom"] = Route(atom(*ATOM_ENTRIES), content_type="application/atom+xml")
    for allow in ("false", "true"):
        root = project(
            {"probe-wire": server.url("/rss"), "atom-desk": server.url("/atom")}, extra=f"allow_raw_html: {allow}"
        )
        pull(load_config())
        build_project(root, output=root / f"site-{allow}")
        pages = {k: v.decode() for k, v in read_tree(root / f"site-{allow}").items() if k.startswith("articles/")}
        assert len(pages) == 5
        for page in pages.values():
            body = page[page.index("<article") : page.index("</article>")]
            for bad in ("<script", "javascript:", "onerror", "alert("):
                assert bad not in body


def test_guidless_and_linkless_items_keep_one_file_each(server: FeedServer, project: Project) -> None:
    bare = "<item><title>Bare</title><description>Only words.</description></item>"
    server.routes["/rss"] = Route(rss(bare, bare.replace("Bare", "Other")))
    root = project({"bare": server.url("/rss")})
    first = pull(load_config()).feeds[0]
    second = pull(load_config()).feeds[0]
    assert (first.new, second.new, second.unchanged) == (2, 0, 2)
    state = json.loads((root / "content/bare" / STATE_NAME).read_text())
    assert all(k.startswith("sha256:") for k in state["items"])
    assert sorted(_articles(root / "content/bare")) == ["bare.md", "other.md"]


def test_a_304_answer_changes_nothing_and_validators_are_sent(
    server: FeedServer, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS), etag='"v1"')
    project({"probe-wire": server.url("/rss")})
    _run(capsys)
    assert _run(capsys) == (0, "probe-wire: 0 new, 0 updated, 3 unchanged\n", "")
    first, second = server.routes["/rss"].requests
    assert "if-none-match" not in first and second["if-none-match"] == '"v1"'
    assert first["user-agent"].startswith("digestgen/") and first["accept-encoding"] == "gzip"


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"oops", status=500), "HTTP 500 Internal Server Error"),
        (
            Route(b"<html><body><p>Not a feed</p></body></html>", content_type="text/html"),
            "not an RSS, Atom or JSON feed",
        ),
        (Route(b"\x00\x01binary garbage", content_type="application/octet-stream"), "not an RSS, Atom or JSON feed"),
        (
            Route(
                b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title></channel></rss>'
            ),
            "the feed declares XML entities (an entity bomb?): refused",
        ),
        (
            Route(
                b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel>&x;</channel></rss>'
            ),
            "the feed declares XML entities (an entity bomb?): refused",
        ),
        (Route(b"{}", content_type="application/json"), "JSON, but not a JSON Feed (no jsonfeed.org version)"),
        (Route(b"", status=404), "HTTP 404 Not Found"),
    ],
)
def test_a_broken_feed_is_one_line_and_the_others_are_pulled(
    server: FeedServer, project: Project, capsys: pytest.CaptureFixture[str], route: Route, message: str
) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    server.routes["/bad"] = route
    project({"broken": server.url("/bad"), "probe-wire": server.url("/rss")})
    code, out, err = _run(capsys)
    assert code == 1 and out == "probe-wire: 3 new, 0 updated, 0 unchanged\n"
    first, last = err.splitlines()
    assert first.startswith(f"broken: {message}") and last == "error: 1 of 2 feeds failed"
    assert "Traceback" not in err


def test_a_slow_server_times_out_alone(server: FeedServer, project: Project) -> None:
    server.routes["/slow"] = Route(rss(*RSS_ITEMS), delay=3)
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    root = project({"slow": server.url("/slow"), "probe-wire": server.url("/rss")})
    report = pull(load_config(), limits=Limits(timeout=0.5))
    assert [f.line() for f in report.feeds] == [
        "slow: timed out after 0.5 s",
        "probe-wire: 3 new, 0 updated, 0 unchanged",
    ]
    assert not (root / "content/slow").exists()


def test_size_limits_hold_before_and_after_gzip(server: FeedServer, project: Project) -> None:
    big = rss(*RSS_ITEMS) + b"<!--" + b" " * 300_000 + b"-->"
    server.routes["/big"] = Route(big)
    server.routes["/zipped"] = Route(big, gzip=True)  # small on the wire, too big inflated
    server.routes["/fine"] = Route(rss(*RSS_ITEMS), gzip=True)
    project({"big": server.url("/big"), "zipped": server.url("/zipped"), "fine": server.url("/fine")})
    lines = [f.line() for f in pull(load_config(), limits=Limits(max_bytes=200_000)).feeds]
    assert lines == [
        "big: answer is larger than 0.190735 MiB",
        "zipped: answer is larger than 0.190735 MiB once decompressed",
        "fine: 3 new, 0 updated, 0 unchanged",
    ]


def test_redirects_are_followed_to_a_limit(server: FeedServer, project: Project) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    server.routes["/moved"] = Route(status=301, location=server.url("/rss"))
    server.routes["/loop1"] = Route(status=302, location=server.url("/loop2"))
    server.routes["/loop2"] = Route(status=302, location=server.url("/loop1"))
    for n in range(4):
        server.routes[f"/hop{n}"] = Route(status=302, location=server.url(f"/hop{n + 1}"))
    server.routes["/hop4"] = Route(rss(*RSS_ITEMS))
    server.routes["/file"] = Route(status=302, location="file:///etc/passwd")
    project(
        {
            "moved": server.url("/moved"),
            "loop": server.url("/loop1"),
            "hops": server.url("/hop0"),
            "file": server.url("/file"),
        }
    )
    lines = [f.line() for f in pull(load_config(), limits=Limits(max_redirects=3)).feeds]
    assert lines[0] == "moved: 3 new, 0 updated, 0 unchanged"
    assert lines[1].startswith("loop: ") and "redirect" in lines[1]
    assert lines[2] == "hops: more than 3 redirects"
    assert lines[3] == "file: redirected to a non-web address (file:)"


def test_an_item_updated_upstream_rewrites_its_file_unless_an_editor_changed_it(
    server: FeedServer, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS[:2]))
    root = project({"probe-wire": server.url("/rss")})
    folder = root / "content/probe-wire"
    _run(capsys)
    treaty, gas = folder / "2024-12-06-putin-and-lukashenko-sign.md", folder / "2024-12-06-gas-talks-a-deal.md"
    edited = gas.read_text().replace("Read this", "Read this, as corrected by the desk,")
    gas.write_text(edited)
    server.routes["/rss"].body = rss(
        RSS_ITEMS[0].replace("Body &lt;b&gt;one", "Body &lt;b&gt;one, updated"),
        RSS_ITEMS[1].replace("more</a>.", "more</a>. Update."),
    )
    code, out, _ = _run(capsys)
    assert code == 0
    assert out.splitlines() == [
        "probe-wire: 0 new, 2 updated, 0 unchanged",
        "probe-wire: content/probe-wire/2024-12-06-gas-talks-a-deal.md was edited since the last pull, so it was "
        "kept; the update is in content/probe-wire/2024-12-06-gas-talks-a-deal.md.upstream",
    ]
    assert "Body **one, updated**" in treaty.read_text()
    assert gas.read_text() == edited
    assert "Update." in (folder / "2024-12-06-gas-talks-a-deal.md.upstream").read_text()
    assert _run(capsys)[1] == "probe-wire: 0 new, 0 updated, 2 unchanged\n"  # said once
    build_project(root)  # the .upstream file is no article
    assert len(list((root / "site/articles").iterdir())) == 2


def test_a_file_an_editor_deleted_stays_deleted(server: FeedServer, project: Project) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    root = project({"probe-wire": server.url("/rss")})
    pull(load_config())
    (root / "content/probe-wire/2024-12-06-gas-talks-a-deal.md").unlink()
    server.routes["/rss"].body = rss(*RSS_ITEMS, title="Probe Wire renamed")  # every item's source changes
    assert pull(load_config()).feeds[0].line() == "probe-wire: 0 new, 2 updated, 1 unchanged"
    assert not (root / "content/probe-wire/2024-12-06-gas-talks-a-deal.md").exists()


def test_a_second_pull_at_once_says_so_and_does_nothing(
    server: FeedServer, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    root = project({"probe-wire": server.url("/rss")})
    with project_lock(root):
        code, out, err = _run(capsys)
    assert code == 1 and out == ""
    assert err.startswith("error: another digestgen pull is running in this project (process ")
    assert not (root / "content/probe-wire").exists() and server.routes["/rss"].requests == []
    assert _run(capsys)[0] == 0  # the lock went with its holder


def test_max_items_source_and_a_local_file(server: FeedServer, project: Project, tmp_path: Path) -> None:
    local = tmp_path / "saved.xml"
    local.write_bytes(rss(*RSS_ITEMS))
    server.routes["/atom"] = Route(atom(*ATOM_ENTRIES), content_type="application/atom+xml")
    root = project(
        {
            "saved": {"url": str(local), "max_items": 2, "folder": "content/wire/saved"},
            "atom-desk": {"url": server.url("/atom"), "source": "Desk of Record"},
        }
    )
    report = pull(load_config())
    assert [f.line() for f in report.feeds] == [
        "saved: 2 new, 0 updated, 0 unchanged",
        "atom-desk: 2 new, 0 updated, 0 unchanged",
    ]
    assert len(_articles(root / "content/wire/saved")) == 2
    assert all("source: Desk of Record\n" in t for t in _articles(root / "content/atom-desk").values())


def test_a_json_feed_is_read(server: FeedServer, project: Project) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON Desk",
        "items": [
            {
                "id": "j1",
                "title": "JSON one",
                "content_html": "<p>Hi <b>there</b></p>",
                "date_published": "2024-12-06T10:00:00Z",
            },
            {"id": "j2", "title": "JSON two", "content_text": "Plain *text*.", "url": "https://json.example/2"},
        ],
    }
    server.routes["/json"] = Route(json.dumps(feed).encode(), content_type="application/feed+json")
    root = project({"json": server.url("/json")})
    assert pull(load_config()).feeds[0].line() == "json: 2 new, 0 updated, 0 unchanged"
    found = _articles(root / "content/json")
    assert found["2024-12-06-json-one.md"].endswith("---\nHi **there**\n")
    assert found["json-two.md"].endswith("source_url: https://json.example/2\nid: j2\n---\nPlain \\*text\\*.\n")


def test_unknown_feed_names_and_no_feeds_are_errors(
    server: FeedServer, project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project({"probe-wire": server.url("/rss")})
    code, _, err = _run(capsys, "nope")
    assert code == 1 and "digestgen.yaml: no feed named 'nope' (feeds: probe-wire)" in err
    (tmp_path / "desk" / "digestgen.yaml").write_text("title: x\n")
    code, _, err = _run(capsys)
    assert code == 1 and "no feeds to pull: list them under 'feeds:'" in err


def test_an_unreadable_state_file_fails_that_feed_alone(server: FeedServer, project: Project) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS))
    server.routes["/atom"] = Route(atom(*ATOM_ENTRIES), content_type="application/atom+xml")
    root = project({"probe-wire": server.url("/rss"), "atom-desk": server.url("/atom")})
    (root / "content/probe-wire").mkdir()
    (root / "content/probe-wire" / STATE_NAME).write_text("{broken")
    lines = [f.line() for f in pull(load_config()).feeds]
    assert lines[0].startswith(f"probe-wire: cannot read {STATE_NAME}") and "move it aside" in lines[0]
    assert lines[1] == "atom-desk: 2 new, 0 updated, 0 unchanged"


def test_gzip_answers_are_read(server: FeedServer, project: Project) -> None:
    server.routes["/rss"] = Route(rss(*RSS_ITEMS), gzip=True)
    root = project({"probe-wire": server.url("/rss")})
    assert pull(load_config()).feeds[0].new == 3
    assert gzip.decompress(gzip.compress(b"x")) == b"x" and len(_articles(root / "content/probe-wire")) == 3


def test_two_pull_processes_at_once_cannot_interleave(server: FeedServer, project: Project) -> None:
    """As cron and a person would: the second process says the first is running and writes nothing."""
    import subprocess
    import sys
    import time

    server.routes["/slow"] = Route(rss(*RSS_ITEMS), delay=3)
    root = project({"probe-wire": server.url("/slow")})
    first = subprocess.Popen([sys.executable, "-m", "digestgen", "pull"], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while not server.routes["/slow"].requests and time.monotonic() < deadline:  # the first holds the lock
            time.sleep(0.05)
        second = subprocess.run([sys.executable, "-m", "digestgen", "pull"], cwd=root, capture_output=True, text=True)
    finally:
        out, _ = first.communicate(timeout=60)
    assert second.returncode == 1 and second.stdout == ""
    assert second.stderr == (
        f"error: another digestgen pull is running in this project (process {first.pid}); this one did nothing\n"
    )
    assert len(server.routes["/slow"].requests) == 1
    assert first.returncode == 0 and out == "probe-wire: 3 new, 0 updated, 0 unchanged\n"
