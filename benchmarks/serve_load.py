"""The preview server (`digestgen serve`) under load: readers during saves, idle and half-open connections.

Loopback only, bounded, stops by itself (well under a minute). Generates a corpus with the shared
generator, starts the real preview (`digestgen.serve.preview.Preview`, real watcher) on port 0, then measures:

(a) `--readers` concurrent readers (in a separate process, one connection per request) fetch a fixed
    set of pages while one article is saved `--saves` times over `--seconds`; a request fails when it
    gets no reply, an error (refused, reset, truncated), or a status other than the one that path has;
(b) the process's threads while `--idle` connections are open and send nothing;
(c) the latency of normal requests while the same connections hold a half-sent request head.

    .venv/bin/python benchmarks/serve_load.py [--articles 300] [--readers 200] [--saves 1000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digestgen.serve.preview import Preview

REPO = Path(__file__).resolve().parents[1]
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
REPLY_TIMEOUT = 10.0
"""A reader that has no complete reply after this many seconds counts the request as 'no reply'."""
LATENCY_TARGET_MS = 100.0


@dataclass(frozen=True)
class Reading:
    """What the readers saw: counts by kind ('requests' and the failure kinds), latencies in ms."""

    counts: dict[str, int]
    examples: list[str]
    p50: float
    p99: float
    max: float
    saving: float = 0.0
    rebuilds: int = 0
    last_visible: bool = False
    failed: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "failed", sum(v for k, v in self.counts.items() if k != "requests"))


@dataclass(frozen=True)
class Holding:
    """Threads and latency while connections are held open (connections: as counted by the server)."""

    base: int
    idle: int
    accepted: int | None
    held: int | None
    median: float
    max: float


# --- the reader process ------------------------------------------------------------------------


async def _fetch(port: int, path: str) -> tuple[int, bool]:
    """One GET on a fresh connection: (status, complete); status 0 when nothing came back."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    if not data:
        return 0, False
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next((int(v) for k, _, v in (h.partition(":") for h in lines[1:]) if k.lower() == "content-length"), -1)
    return int(lines[0].split(" ")[1]), length == len(body)


def _failure(status: int, expected: int, complete: bool) -> str:
    if status == 0:
        return "no reply"
    if status != expected:
        return "wrong status"
    return "" if complete else "error (truncated)"


async def _readers(port: int, plan: list[tuple[str, int]], readers: int, seconds: float) -> Reading:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    counts: Counter[str] = Counter()
    examples: list[str] = []
    times: list[float] = []

    async def read(k: int) -> None:
        i = k
        while loop.time() < deadline:
            path, expected = plan[i % len(plan)]
            i += 1
            counts["requests"] += 1
            t0 = loop.time()
            try:
                status, complete = await asyncio.wait_for(_fetch(port, path), REPLY_TIMEOUT)
            except TimeoutError:
                kind = "no reply"
            except OSError as exc:
                kind = f"error ({type(exc).__name__})"
            else:
                kind = _failure(status, expected, complete)
            times.append(loop.time() - t0)
            if kind:
                counts[kind] += 1
                if len(examples) < 5:
                    examples.append(f"{path}: {kind}")

    print("go", flush=True)
    await asyncio.gather(*(read(k) for k in range(readers)))
    times.sort()
    return Reading(
        dict(counts), examples, statistics.median(times) * 1000, times[int(len(times) * 0.99)] * 1000, times[-1] * 1000
    )


def reader_main(port: int, plan_file: str, readers: int, seconds: float) -> None:
    plan = [(p, int(s)) for p, s in json.loads(Path(plan_file).read_text())]
    reading = asdict(asyncio.run(_readers(port, plan, readers, seconds)))
    del reading["failed"]
    print(json.dumps(reading), flush=True)


# --- the measuring process ---------------------------------------------------------------------


def threads() -> int:
    """Operating-system threads of this process (Python threads where /proc is absent)."""
    tasks = Path("/proc/self/task")
    return len(os.listdir(tasks)) if tasks.exists() else threading.active_count()


def get(port: int, path: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=REPLY_TIMEOUT) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data.partition(b"\r\n\r\n")[2]


def raise_fd_limit(needed: int) -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < needed:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


def plan_for(files: dict[str, bytes], edited: str) -> list[tuple[str, int]]:
    """Paths the readers cycle through, each with the status it must always get."""
    articles = sorted(rel for rel in files if rel.startswith("articles/") and rel.endswith("/index.html"))
    pages = ["index.html", "leaders/index.html", "topics/index.html", "static/style.css", *articles[::10]]
    plan = [("/" + rel.removesuffix("index.html"), 200) for rel in pages if rel in files]
    plan += [("/" + edited.removesuffix("index.html"), 200)] * 5
    plan += [("/no-such-page/", 404), ("/" + articles[0].removesuffix("/index.html"), 301)]
    return plan


def run_readers_during_saves(
    preview: Preview, port: int, target: Path, args: argparse.Namespace, work: Path
) -> Reading:
    article = preview.cache.entries[str(target)].article
    assert article is not None
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan_for(dict(preview.state.current.files), article.output_path)))
    cmd = [sys.executable, __file__, "--reader", str(port), str(plan_file), str(args.readers), str(args.seconds)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    original = target.read_text(encoding="utf-8")
    builds = preview.builds
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "go"
        t0 = time.monotonic()
        for i in range(args.saves):
            target.write_text(original + f"\n\nLoad test save {i} of {args.saves}.\n", encoding="utf-8")
            time.sleep(max(0.0, t0 + (i + 1) * args.seconds / args.saves - time.monotonic()))
        saving = time.monotonic() - t0
        out, _ = proc.communicate(timeout=args.seconds + REPLY_TIMEOUT + 30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reading = Reading(**json.loads(out.strip().splitlines()[-1]))
    marker = f"Load test save {args.saves - 1} of {args.saves}.".encode()
    url = "/" + article.output_path.removesuffix("index.html")
    deadline = time.monotonic() + 15
    while marker not in get(port, url)[1] and time.monotonic() < deadline:
        time.sleep(0.05)
    return replace(reading, saving=saving, rebuilds=preview.builds - builds, last_visible=marker in get(port, url)[1])


def hold_connections(preview: Preview, port: int, count: int) -> Holding:
    """(b) threads with `count` idle connections, then (c) latency with them half-open."""
    server = getattr(preview, "server", None)
    base = threads()
    socks: list[socket.socket] = []
    try:
        for _ in range(count):
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=REPLY_TIMEOUT))
        assert get(port, "/")[0] == 200  # answered after every earlier connection was accepted
        idle_threads = threads()
        accepted = getattr(server, "connections", None)
        for sock in socks:
            sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: half".encode())
        times = []
        for _ in range(100):
            t0 = time.perf_counter()
            status, _ = get(port, "/")
            times.append((time.perf_counter() - t0) * 1000)
            assert status == 200, status
        held = getattr(server, "connections", None)
    finally:
        for sock in socks:
            sock.close()
    return Holding(base, idle_threads, accepted, held, statistics.median(times), max(times))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--saves", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--reader", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reader:
        port, plan, readers, seconds = args.reader
        reader_main(int(port), plan, int(readers), float(seconds))
        return 0

    sys.path.insert(0, str(REPO))
    from digestgen.config import load_config
    from digestgen.serve.preview import Preview

    raise_fd_limit(2 * args.idle + 512)
    with tempfile.TemporaryDirectory(prefix="serve-load-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [sys.executable, str(GEN), "--n", str(args.articles), "--seed", "42", "--out", str(work / "c")],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (work / "digestgen.yaml").write_text(f"title: Load benchmark\ncontent_dir: {work / 'c' / 'articles'}\n")
        os.chdir(work)
        stderr = io.StringIO()
        preview = Preview(load_config(work / "digestgen.yaml"), log=io.StringIO())
        try:
            with contextlib.redirect_stderr(stderr):
                url = preview.start("127.0.0.1", 0)
                port = int(url.rsplit(":", 1)[1].strip("/"))
                target = sorted((work / "c" / "articles").glob("*.md"))[args.articles // 2]
                reading = run_readers_during_saves(preview, port, target, args, work)
                holding = hold_connections(preview, port, args.idle)
        finally:
            with contextlib.redirect_stderr(stderr):
                preview.stop()
    report(args, reading, holding, stderr.getvalue().count("Traceback"))
    return 0


def report(args: argparse.Namespace, a: Reading, h: Holding, tracebacks: int) -> None:
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(a.counts.items()) if k != "requests") or "none"
    requests = a.counts.get("requests", 0)
    print(
        f"preview under load: {args.articles} articles, {args.readers} readers, {args.saves} saves "
        f"in {a.saving:.1f} s ({a.rebuilds} rebuilds), {args.idle} held connections"
    )
    print(
        f"  readers: {requests} requests, latency p50 {a.p50:.1f} ms, p99 {a.p99:.1f} ms, max {a.max:.0f} ms; "
        f"failures: {kinds}; last save visible: {a.last_visible}"
    )
    for example in a.examples:
        print(f"    e.g. {example}")
    print(f"  connections open at the server: {h.accepted} idle, {h.held} half-open (None: not reported)")
    added = h.idle - h.base
    rows = [
        (f"(a) failed requests, {args.readers} readers during saves", f"{a.failed} of {requests}", "0", a.failed == 0),
        (
            f"(b) threads with {args.idle} idle connections",
            f"{h.idle} ({added:+d} vs {h.base} with none)",
            f"<= {h.base} (no thread per connection)",
            added <= 0,
        ),
        (
            f"(c) normal request, {args.idle} half-open held",
            f"median {h.median:.1f} ms, max {h.max:.1f} ms",
            f"max < {LATENCY_TARGET_MS:.0f} ms",
            h.max < LATENCY_TARGET_MS,
        ),
        ("(d) tracebacks printed", str(tracebacks), "0", tracebacks == 0),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure':<{width}}  {'value':<34}  {'target':<34}  met")
    for name, value, target, met in rows:
        print(f"{name:<{width}}  {value:<34}  {target:<34}  {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    sys.exit(main())
