"""`digestgen serve` over real sockets: confinement, Host check, rebuilds, errors, shutdown."""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from digestgen.cli import main
from digestgen.config import load_config
from digestgen.serve.preview import PortInUse, Preview
from digestgen.serve.replies import host_allowed, site_path
from digestgen.serve.watch import Debouncer
from tests.support import md

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "content/2024/eu-sanctions-package.md"
OTHER = "content/2023/belarus-nuclear-weapons.md"


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def raw_get(port: int, path: str, host: str | None = "127.0.0.1") -> tuple[int, bytes]:
    """Send the request line byte for byte (no client-side normalisation); return status and body."""
    head = f"GET {path} HTTP/1.1\r\n" + (f"Host: {host}:{port}\r\n" if host else "") + "Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(head.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[1]


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    root = make_project({})
    for rel in (ARTICLE, OTHER):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, root / rel)
    return root


@pytest.fixture
def preview(project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Preview]:
    monkeypatch.chdir(project)
    p = Preview(load_config(None, root=project), delay=0.05)
    p.start("127.0.0.1", 0)
    yield p
    p.stop()


def port_of(p: Preview) -> int:
    assert p.server is not None
    return p.server.port


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- confinement and Host ------------------------------------------------------------------------

TRAVERSALS = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/..%2f..%2fetc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "//etc/passwd",
    "/static//style.css",
    "/..\\..\\etc\\passwd",
    "/%5c..%5c..%5cetc%5cpasswd",
    "/index.html%00",
    "/index.html\x00.css",
    "/articles/../index.html",
    "/./index.html",
    "/%c0%ae%c0%ae/etc/passwd",
    "/escape/passwd",
    "/escape",
    "http://evil.example/etc/passwd",
]


def test_paths_that_could_leave_the_site_get_404(preview: Preview, tmp_path: Path) -> None:
    # One server for every path (starting one per path cost the fast loop half a minute).
    secret = tmp_path / "outside"
    secret.mkdir(exist_ok=True)
    (secret / "passwd").write_text("root:x:0:0\n")
    (preview.folder / "escape").symlink_to(secret)  # a symlink in the served folder pointing out of it
    wrong = []
    for path in TRAVERSALS:
        status, body = raw_get(port_of(preview), path)
        raw_control = any(ord(c) < 32 for c in path)  # a raw NUL in the request line is not HTTP at all
        if status != (400 if raw_control else 404) or b"root:x" in body:
            wrong.append((path, status))
    assert wrong == []


def test_site_files_are_served(preview: Preview) -> None:
    port = port_of(preview)
    assert raw_get(port, "/")[0] == 200
    assert raw_get(port, "/index.html")[0] == 200
    assert raw_get(port, "/static/style.css")[0] == 200
    assert raw_get(port, "/articles/eu-sanctions-package/")[0] == 200
    assert raw_get(port, "/articles/eu-sanctions-package")[0] == 301


def test_foreign_host_is_refused(preview: Preview) -> None:
    port = port_of(preview)
    assert raw_get(port, "/", host="evil.example")[0] == 403
    assert raw_get(port, "/__digestgen/events", host="evil.example")[0] == 403
    assert raw_get(port, "/", host=None)[0] == 403
    assert raw_get(port, "/", host="localhost")[0] == 200


def test_host_rules_and_path_rules() -> None:
    assert host_allowed("127.0.0.1:8000", "127.0.0.1") and host_allowed("[::1]:80", "127.0.0.1")
    assert not host_allowed("attacker.example:8000", "127.0.0.1")
    assert host_allowed("192.168.1.5:8000", "0.0.0.0") and not host_allowed("rebind.example", "0.0.0.0")
    for bad in ("127.0.0.1:evil", "127.0.0.1:", "localhost:80x", "[::1]:evil", "[::1]x", "127.0.0.1:99999"):
        assert not host_allowed(bad, "127.0.0.1"), bad
    assert host_allowed("127.0.0.1:8000", "127.0.0.1", 8000) and not host_allowed("127.0.0.1:8001", "127.0.0.1", 8000)
    assert host_allowed("localhost", "127.0.0.1", 8000)  # no port: as a proxy or curl may send it
    assert site_path("/") == "index.html" and site_path("/leaders/") == "leaders/index.html"
    assert site_path("/a/%2e%2e/b") is None and site_path("/a%5cb") is None


def test_reload_script_only_in_served_pages(preview: Preview) -> None:
    status, body = raw_get(port_of(preview), "/")
    assert status == 200 and b"/__digestgen/events" in body
    built = (preview.folder / "index.html").read_bytes()
    assert b"__digestgen" not in built
    assert raw_get(port_of(preview), "/static/style.css")[1] == (preview.folder / "static/style.css").read_bytes()


# --- port, shutdown ------------------------------------------------------------------------------


def test_port_in_use_says_so(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        p = Preview(load_config(None, root=project))
        with pytest.raises(PortInUse, match=r"already in use; try --port \d+, or --port 0"):
            p.start("127.0.0.1", port)
        assert not p.folder.exists()
        monkeypatch.chdir(project)
        assert main(["serve", "--port", str(port)]) == 1
    assert "already in use" in capsys.readouterr().err


def test_ctrl_c_stops_and_removes_the_temp_folder(project: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "digestgen", "serve", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # a hang below is shown thread by thread
        # As from a terminal: a test run started in the background of a script inherits SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        match = re.search(r"serving (http://\S+) \(building into (\S+)\)", line)
        assert match, line
        folder = Path(match.group(2))
        assert (folder / "index.html").exists()
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=60)  # a hang guard, generous for a loaded CI machine
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
            proc.wait(timeout=30)
            pytest.fail("serve did not stop within 60 s of Ctrl-C:\n" + proc.stderr.read())  # type: ignore[union-attr]
        assert code == 0, proc.stderr.read()  # type: ignore[union-attr]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not folder.exists()
    assert not (project / "site").exists()


# --- rebuilds ------------------------------------------------------------------------------------


def test_burst_of_saves_is_served(preview: Preview, project: Path) -> None:
    before = preview.builds
    for i in range(20):
        (project / f"content/2024/burst-{i}.md").write_text(
            f"---\ntitle: Burst {i}\ndate: 2024-03-0{i % 9 + 1}\nleaders: [Alexander Lukashenko]\n---\nText {i}.\n"
        )
    assert preview.wait_builds(before + 1, 60)
    assert wait_until(lambda: all(raw_get(port_of(preview), f"/articles/burst-{i}/")[0] == 200 for i in range(20)))


class _Clock:
    """A settable time.monotonic for the Debouncer, so batching is tested without real delays."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_of_saves_is_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr("digestgen.serve.watch.time.monotonic", clock)
    changes = Debouncer(delay=0.1, limit=1.0)
    for i in range(20):  # saves 0.05 s apart: each within `delay` of the one before
        changes.add([Path(f"burst-{i}.md")])
        clock.now += 0.05
    clock.now += 0.1
    assert changes.wait(0) == {Path(f"burst-{i}.md") for i in range(20)}
    assert changes.wait(0) is None


def test_an_endless_stream_of_saves_is_cut_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr("digestgen.serve.watch.time.monotonic", clock)
    changes = Debouncer(delay=0.1, limit=1.0)
    changes.add([Path("first.md")])
    clock.now += 0.95
    changes.add([Path("late.md")])  # not quiet yet, but the batch is nearly a second old
    clock.now += 0.05
    assert changes.wait(0) == {Path("first.md"), Path("late.md")}


def test_change_during_a_rebuild_triggers_exactly_one_more() -> None:
    changes = Debouncer(delay=0.02)
    changes.add([Path("a")])
    assert changes.wait(1) == {Path("a")}
    changes.add([Path("b")])  # arrive while the caller is "rebuilding"
    changes.add([Path("c")])
    assert changes.wait(1) == {Path("b"), Path("c")}
    assert changes.wait(0.1) is None


def test_incremental_rebuild_reparses_only_the_changed_file(preview: Preview, project: Path) -> None:
    parsed, builds = preview.builder.parse_count, preview.builds
    edit(project / ARTICLE, "\n\n", "\n\nA freshly added sentence about sanctions.\n\n")
    assert preview.wait_builds(builds + 1, 60)
    assert preview.builder.parse_count == parsed + 1
    assert b"A freshly added sentence" in raw_get(port_of(preview), "/articles/eu-sanctions-package/")[1]


def test_a_warning_is_printed_once_not_on_every_save(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    log = io.StringIO()
    (project / "content" / "odd.md").write_text(md("Odd", topics=("Quantum Gardening",)), encoding="utf-8")
    p = Preview(load_config(None, root=project), delay=0.05, log=log)
    p.start("127.0.0.1", 0)
    try:
        warning = "odd.md:5: warning: topic 'Quantum Gardening' is in no registry"
        assert log.getvalue().count(warning) == 1
        builds = p.builds
        edit(project / ARTICLE, "\n\n", "\n\nA freshly added sentence about sanctions.\n\n")
        assert p.wait_builds(builds + 1, 60)
        assert log.getvalue().count(warning) == 1
        assert log.getvalue().rstrip().splitlines()[-2] == "1 earlier warning(s) still apply"
        (project / "content" / "odder.md").write_text(md("Odder", topics=("Cloud Farming",)), encoding="utf-8")
        assert p.wait_builds(builds + 2, 60)
        assert log.getvalue().count("warning: topic 'Cloud Farming' is in no registry") == 1
    finally:
        p.stop()


def test_the_first_build_runs_before_any_watcher_and_a_save_during_it_is_not_lost(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes are never forked beside threads: serve's first build starts none, and a file
    saved while it runs is rebuilt once the watcher is up."""
    monkeypatch.chdir(project)
    p = Preview(load_config(None, root=project), delay=0.05)
    real, seen = p.builder.run, []

    def first_run(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if not seen:  # the build has read every file: this save comes too late for it
            seen.append(p.watcher)
            edit(project / ARTICLE, "\n\n", "\n\nSaved while the first build ran.\n\n")
        return result

    p.builder.run = first_run  # type: ignore[method-assign]
    p.start("127.0.0.1", 0)
    try:
        assert seen[0] is None  # no watcher (nor any thread of serve's) during the first build
        assert p.wait_builds(2, 60)
        assert b"Saved while the first build ran" in raw_get(port_of(p), "/articles/eu-sanctions-package/")[1]
    finally:
        p.stop()


def test_failed_rebuild_keeps_last_good_site_and_shows_errors(preview: Preview, project: Path) -> None:
    port = port_of(preview)
    good = raw_get(port, "/articles/eu-sanctions-package/")[1]
    builds = preview.builds
    text = (project / ARTICLE).read_text(encoding="utf-8")
    (project / ARTICLE).write_text(text.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    assert preview.wait_builds(builds + 1, 60)
    errors = preview.state.current.errors
    assert errors and re.match(rf"{re.escape(ARTICLE)}:\d+: ", errors[0]), errors
    status, body = raw_get(port, "/articles/eu-sanctions-package/")
    assert status == 200 and b'id="digestgen-errors"' in body
    assert body.split(b'<div id="digestgen-errors"')[0] == good.split(b"<script>(function()")[0]
    (project / ARTICLE).write_text(text, encoding="utf-8")
    assert preview.wait_builds(builds + 2, 60)
    assert preview.state.current.errors == ()
    assert b'id="digestgen-errors"' not in raw_get(port, "/")[1]


def test_template_edit_rerenders(preview: Preview, project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    shutil.copyfile(REPO / "templates/404.html", project / "templates/404.html")
    builds = preview.builds
    edit(project / "templates/404.html", "</p>", " Custom 404 note.</p>")
    assert preview.wait_builds(builds + 1, 60)
    assert wait_until(lambda: b"Custom 404 note" in raw_get(port_of(preview), "/nowhere")[1], 5)


def test_polling_fallback_sees_changes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    p = Preview(load_config(None, root=project), delay=0.05, polling=True)
    try:
        p.start("127.0.0.1", 0)
        edit(project / OTHER, "\n\n", "\n\nPolled change.\n\n")
        assert p.wait_builds(2, 60)
    finally:
        p.stop()
    assert not p.folder.exists()


def test_serve_never_touches_site(preview: Preview, project: Path) -> None:
    assert not (project / "site").exists()
    assert not any(Path(os.fspath(preview.folder)).glob("**/.digestgen"))


def test_incremental_site_equals_a_full_build(project: Path, tmp_path: Path) -> None:
    from digestgen.commands.build import build
    from digestgen.pipeline.builder import Builder, Mode, Options

    config = load_config(None, root=project)
    builder = Builder(config, Options(Mode.SERVE))
    builder.run().raise_problems()
    edit(project / ARTICLE, "\n\n", "\n\nOne more paragraph.\n\n")
    result = builder.run([project / ARTICLE]).raise_problems()
    assert 0 < result.report.rendered < result.report.pages
    out = tmp_path / "full"
    build(config, output=out)
    disk = {
        p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.name != ".digestgen"
    }
    assert disk == result.files


# --- what is watched ------------------------------------------------------------------------------


def test_editing_the_configuration_rebuilds_with_it(preview: Preview, project: Path) -> None:
    builds = preview.builds
    with (project / "digestgen.yaml").open("a", encoding="utf-8") as config:
        config.write("title: Renamed Briefing\n")
    assert preview.wait_builds(builds + 1, 60)
    assert wait_until(lambda: b"Renamed Briefing" in raw_get(port_of(preview), "/")[1])


def test_static_files_are_watched(preview: Preview, project: Path) -> None:
    static = project / "static"
    static.mkdir()
    (static / "humans.txt").write_text("first\n", encoding="utf-8")
    assert wait_until(lambda: raw_get(port_of(preview), "/humans.txt") == (200, b"first\n"))
    (static / "humans.txt").write_text("second\n", encoding="utf-8")
    assert wait_until(lambda: raw_get(port_of(preview), "/humans.txt") == (200, b"second\n"))


def test_deleting_an_article_removes_its_page(preview: Preview, project: Path) -> None:
    assert raw_get(port_of(preview), "/articles/belarus-nuclear-weapons/")[0] == 200
    (project / OTHER).unlink()
    assert wait_until(lambda: raw_get(port_of(preview), "/articles/belarus-nuclear-weapons/")[0] == 404)
    # Lists no browser has open follow the edited pages within the same rebuild.
    assert wait_until(lambda: b"belarus-nuclear-weapons" not in raw_get(port_of(preview), "/")[1])


def test_renaming_an_article_moves_its_page(preview: Preview, project: Path) -> None:
    (project / ARTICLE).rename(project / "content/2024/renamed-sanctions.md")
    assert wait_until(lambda: raw_get(port_of(preview), "/articles/renamed-sanctions/")[0] == 200)
    assert raw_get(port_of(preview), "/articles/eu-sanctions-package/")[0] == 404


def test_serve_binds_to_localhost_by_default(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`digestgen serve` without --host listens on 127.0.0.1 only (stopped at once, as by Ctrl-C)."""
    bound: list[tuple[str, int]] = []

    def create_server(address: tuple[str, int], **kwargs: object) -> socket.socket:
        bound.append(address)
        raise KeyboardInterrupt

    monkeypatch.chdir(project)
    monkeypatch.setattr(socket, "create_server", create_server)
    assert main(["serve", "--port", "0"]) == 0
    assert bound == [("127.0.0.1", 0)]
