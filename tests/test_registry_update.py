"""`digestgen registry update` against a recorded answer served by a local HTTP server, and how
builds read the file it writes."""

from __future__ import annotations

import datetime
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from digestgen.cli import main
from digestgen.config import load_config
from digestgen.errors import BuildFailed
from digestgen.pipeline.reuse import context_key
from digestgen.taxonomy.registry import load_registry

ANSWER = Path(__file__).parent / "registry" / "sparql-answer.json"
JAPAN_PM = "The Japanese prime minister met reporters."


class Service:
    """A local SPARQL endpoint: answers every POST with `body` and records what was asked."""

    def __init__(self, body: bytes, status: int = 200) -> None:
        self.body, self.status, self.asked = body, status, []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                service.asked.append(self.rfile.read(length).decode())
                self.send_response(service.status)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(service.body)))
                self.end_headers()
                self.wfile.write(service.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service() -> Iterator[Service]:
    s = Service(ANSWER.read_bytes())
    yield s
    s.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: A\ndate: 2026-04-01\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "digestgen.yaml").write_text("title: T\n", encoding="utf-8")
    return tmp_path


def _update(project: Path, *extra: str) -> int:
    return main(["registry", "update", "--config", str(project / "digestgen.yaml"), *extra])


def _tags(project: Path, text: str, on: datetime.date) -> list[str]:
    return [m.id for m in load_registry(load_config(project / "digestgen.yaml")).leaders.analyse(text, on).tags]


def test_update_writes_the_registry_file_and_says_who_came_and_went(
    project: Path, service: Service, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _update(project, "--endpoint", service.url) == 0
    out = capsys.readouterr().out
    assert "since the shipped snapshot (2026-01-01):" in out
    assert "  in   2026-03-02  Testa Fixture, Prime Minister of Japan" in out
    assert "  out  2026-03-02  Sanae Takaichi, Prime Minister of Japan" in out
    assert "Undated Holder" not in out
    data = json.loads((project / "registry-update.json").read_text(encoding="utf-8"))
    assert data["as_of"] == datetime.date.today().isoformat()  # the fetch day, not the snapshot's
    assert data["coverage"] == {"from": "1970-01-01", "to": data["as_of"]}
    assert data["source"] == service.url
    by_id = {e["id"]: e for e in data["leaders"]}
    assert set(by_id) == {"emmanuel-macron", "testa-fixture", "sanae-takaichi"}
    assert by_id["emmanuel-macron"]["wikidata"] == "Q3052772"
    assert "Emmanuel Jean-Michel Frédéric Macron" in by_id["emmanuel-macron"]["aliases"]
    assert by_id["sanae-takaichi"]["roles"][-1]["to"] == "2026-03-02"
    # The query asks for holdings open at the shipped snapshot or begun since.
    (asked,) = service.asked
    assert "2026-01-01T00%3A00%3A00Z" in asked and "P1906" in asked


def test_builds_prefer_the_refreshed_registry_and_its_as_of_day(project: Path, service: Service) -> None:
    day = datetime.date(2026, 4, 1)
    assert _tags(project, JAPAN_PM, day) == ["sanae-takaichi"]  # the shipped snapshot's holder
    assert _update(project, "--endpoint", service.url) == 0
    assert _tags(project, JAPAN_PM, day) == ["testa-fixture"]
    assert _tags(project, JAPAN_PM, datetime.date(2026, 2, 1)) == ["sanae-takaichi"]
    index = load_registry(load_config(project / "digestgen.yaml")).leaders
    assert index.as_of == datetime.date.today()


def test_the_projects_own_entries_still_win(project: Path, service: Service) -> None:
    assert _update(project, "--endpoint", service.url) == 0
    (project / "digestgen.yaml").write_text(
        "leaders:\n  - {id: testa-fixture, name: Testa Fixture, country: Japan, role: Minister}\n", encoding="utf-8"
    )
    own = load_registry(load_config(project / "digestgen.yaml")).leaders.resolve("Testa Fixture")
    assert own is not None and [r.title for r in own.roles] == ["Minister"]


def test_the_endpoint_can_come_from_the_environment(
    project: Path, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIGESTGEN_SPARQL_ENDPOINT", service.url)
    assert _update(project) == 0
    assert len(service.asked) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_no_network_is_one_line_and_changes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "registry-update.json").write_text('{"as_of": "2026-02-01", "leaders": []}\n', encoding="utf-8")
    before = (project / "registry-update.json").read_bytes()
    assert _update(project, "--endpoint", f"http://127.0.0.1:{_free_port()}/sparql") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: cannot reach the query service at http://127.0.0.1:") and "nothing was changed" in err
    assert (project / "registry-update.json").read_bytes() == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "digestgen.yaml", "registry-update.json"]


@pytest.mark.parametrize(
    "body,status,message",
    [
        (b"<html>busy</html>", 200, "did not answer with JSON"),
        (b'{"results": {}}', 200, "gave no SPARQL results"),
        (b'{"results": {"bindings": []}}', 200, "listed no office holders"),
        (b"overloaded", 503, "answered HTTP 503"),
    ],
)
def test_a_bad_answer_is_one_line_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], body: bytes, status: int, message: str
) -> None:
    bad = Service(body, status)
    try:
        assert _update(project, "--endpoint", bad.url) == 1
    finally:
        bad.close()
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not (project / "registry-update.json").exists()


def test_only_web_endpoints_are_asked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _update(project, "--endpoint", f"file://{project}/digestgen.yaml") == 1
    assert "must be an http or https URL" in capsys.readouterr().err


def test_a_build_never_fetches(project: Path, service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _update(project, "--endpoint", service.url) == 0
    written = (project / "registry-update.json").read_bytes()
    monkeypatch.setenv("DIGESTGEN_SPARQL_ENDPOINT", service.url)
    monkeypatch.chdir(project)
    assert main(["build", "--quiet"]) == 0
    assert len(service.asked) == 1  # the update's own request only
    assert (project / "registry-update.json").read_bytes() == written


def test_a_broken_registry_file_is_a_problem_naming_it(project: Path) -> None:
    (project / "registry-update.json").write_text('{"leaders": "nope"}', encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        load_registry(load_config(project / "digestgen.yaml"))
    (problem,) = caught.value.problems
    assert problem.path == "registry-update.json" and "run 'digestgen registry update' again" in problem.message


def test_a_registry_file_cut_short_is_a_problem_at_its_line(project: Path) -> None:
    (project / "registry-update.json").write_text(
        '{"as_of": "2026-01-01",\n "leaders": [\n  {"name": ', encoding="utf-8"
    )
    with pytest.raises(BuildFailed) as caught:
        load_registry(load_config(project / "digestgen.yaml"))
    (problem,) = caught.value.problems
    assert str(problem).startswith("registry-update.json:3: not a registry file (Expecting value)")


def test_a_new_registry_file_invalidates_cached_articles(project: Path, service: Service) -> None:
    config = load_config(project / "digestgen.yaml")
    before = context_key(config)
    assert _update(project, "--endpoint", service.url) == 0
    assert context_key(config) != before
