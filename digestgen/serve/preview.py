"""`digestgen serve`: build into a temporary folder, serve it, rebuild on every save.

The site lives in memory as an immutable snapshot (what the server answers from) and is
mirrored into a private temporary folder; the project's `site/` is never touched.
"""

from __future__ import annotations

import errno
import gc
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TextIO

from digestgen.config import Config, load_config
from digestgen.errors import BuildFailed, Problem
from digestgen.pipeline.builder import Builder, Mode, Options
from digestgen.serve.devserver import DevServer, SiteState
from digestgen.serve.watch import Debouncer, Watcher
from digestgen.urls import safe_join

LOCAL = ("127.0.0.1", "localhost", "::1")
SEARCH = "search/"


class PortInUse(Exception):
    """The requested port is taken; carries a one-line suggestion."""


class Preview:
    """One live preview: temp folder, builder (SERVE mode), watcher, rebuild loop and HTTP server."""

    def __init__(
        self,
        config: Config,
        *,
        drafts: bool = False,
        delay: float = 0.05,
        polling: bool = False,
        log: TextIO | None = None,
    ) -> None:
        self.config, self.drafts, self.polling = config, drafts, polling
        self.log = log or sys.stderr  # read per instance, not bound at import
        self.folder = Path(tempfile.mkdtemp(prefix="digestgen-serve-"))
        self.state = SiteState()
        self.builder = self._builder(config)
        self.changes = Debouncer(delay)
        self.settle = 0.3
        """Seconds the open pages get to reload before the pages that waited are rendered."""
        self.builds = 0
        """Completed builds (good or failed), the first one included."""
        self.server: DevServer | None = None
        self.watcher: Watcher | None = None
        self._written: dict[str, bytes] = {}
        self._search: dict[str, bytes] = {}
        self._warned: set[str] = set()
        """The last run's warnings, as printed."""
        """The search index of the last good build (written after its pages)."""
        self._threads: list[threading.Thread] = []
        self._built = threading.Condition()

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self, host: str = "127.0.0.1", port: int = 8000) -> str:
        """Bind, build once, then serve and watch in background threads; returns the URL."""
        try:
            self.server = DevServer(host, port, self.state, log=self.log)
        except OSError as exc:
            self.stop()
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(
                    f"port {port} on {host} is already in use; try --port {port + 1}, or --port 0 to pick a free one"
                ) from None
            raise
        # The first build runs before any thread starts (the watcher's included), so that it may use
        # worker processes, which are never forked beside threads; what was saved meanwhile shows as
        # a difference between the tree before the build and once the watcher runs.
        before = self._snapshot()
        self._rebuild(None)
        self._watch()
        after = self._snapshot()
        missed = [Path(p) for p in before.keys() | after.keys() if before.get(p) != after.get(p)]
        if missed:
            self.changes.add(missed)
        self._spawn(self.server.serve_forever, "digestgen-http")
        self._spawn(self._loop, "digestgen-rebuild")
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.server.port}/"

    def stop(self) -> None:
        """Stop every thread and remove the temporary folder; safe to call twice."""
        self.changes.close()
        self.state.close()
        if self.watcher:
            self.watcher.stop()
        if self.server:
            if any(t.name == "digestgen-http" for t in self._threads):
                self.server.shutdown()
            self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        self._threads = []
        shutil.rmtree(self.folder, ignore_errors=True)

    def wait_builds(self, count: int, timeout: float) -> bool:
        """Block until `count` builds have completed (for tests and benchmarks)."""
        with self._built:
            return self._built.wait_for(lambda: self.builds >= count, timeout)

    def _spawn(self, target: Callable[[], object], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _watch(self) -> None:
        config = self.config
        if self.watcher:
            self.watcher.stop()
        folders, files = self._watched()
        self.watcher = Watcher(
            self.changes,
            folders,
            [*files, *folders],  # folders: to notice their creation
            ignore=[self.folder, config.path(config.output_dir)],
            polling=self.polling,
            log=self.log,
        )
        self.watcher.start()

    def _snapshot(self) -> dict[str, tuple[int, int, int]]:
        """Every watched file and folder with its time, size and inode (to tell what changed between two)."""
        folders, files = self._watched()
        found: dict[str, tuple[int, int, int]] = {}
        for path in files:
            _note(found, str(path))
        for folder in folders:
            for parent, _, names in os.walk(folder):
                _note(found, parent)
                for name in names:
                    _note(found, os.path.join(parent, name))
        return found

    def _watched(self) -> tuple[list[Path], list[Path]]:
        """What serve watches: the content, template and static folders, and the files of settings."""
        config = self.config
        folders = [config.path(config.content_dir), config.path(config.templates_dir), config.path(config.static_dir)]
        return folders, [self._config_file(), *config.registry_files, config.local_registry]

    def _config_file(self) -> Path:
        """The configuration file (watched even when absent: creating it applies it)."""
        return Path.cwd() / self.config.label  # load_config labels it relative to the cwd, or absolute

    # --- rebuilding --------------------------------------------------------------------------

    def _loop(self) -> None:
        while True:
            batch = self.changes.wait()
            if batch is None:
                return
            self._rebuild(batch)

    def _rebuild(self, changed: Iterable[Path] | None) -> None:
        """One rebuild; on failure the last good site stays and the errors go over every page.

        The pages open in a browser are rendered and published first; the other changed pages and
        the search index follow (`BuildResult.later`), unless newer edits are already waiting. The
        collector is paused meanwhile: its passes over a large site's objects would cost more than
        the rebuild.
        """
        first = self.server.watched() if self.server else None
        gc.disable()
        try:
            hints = None if changed is None else self._classify(changed)
            result = self.builder.run(hints, first).raise_problems()
            self.state.publish({**self._search, **result.files})
            self._warn(result.warnings)
            print(
                f"rebuilt {result.report.rendered} of {result.report.pages} pages in {result.report.seconds * 1000:.0f} ms",
                file=self.log,
            )
            gc.enable()
            files = dict(result.files)
            if result.later:
                self.changes.idle(self.settle)  # the open pages reload now: serve them before more work
                done = dict(result.later(self.changes.pending))
                search = {rel: data for rel, data in done.items() if rel.startswith(SEARCH)}
                self._search = search or self._search
                files.update(done)
            files.update(self._search)
            self.state.publish(files)
            self._mirror(files)
        except BuildFailed as exc:
            errors = tuple(str(p) for p in exc.problems)
            kept = (
                "still serving the last good site"
                if self.state.current.files
                else "no site to serve until a save fixes it"
            )
            print("\n".join(errors) + f"\nrebuild failed ({len(errors)} problem(s)); {kept}", file=self.log)
            self.state.publish(None, errors)
        except Exception as exc:  # a bug must not take the preview down; show it like a build error
            traceback.print_exc(file=self.log)
            self.state.publish(None, (f"internal error while rebuilding: {exc!r}",))
        finally:
            gc.enable()
        if self.builds == 0:
            gc.freeze()  # what the first build made lives on: later collections need not walk it
        with self._built:
            self.builds += 1
            self._built.notify_all()

    def _warn(self, warnings: Iterable[Problem]) -> None:
        """Print the warnings this run is the first to find; of those an earlier run printed, only
        how many still apply: a large site's warnings are not repeated on every save."""
        current = [str(w) for w in warnings]
        fresh = [w for w in current if w not in self._warned]
        for line in fresh:
            print(line, file=self.log)
        if len(current) > len(fresh):
            print(f"{len(current) - len(fresh)} earlier warning(s) still apply", file=self.log)
        self._warned = set(current)

    def _classify(self, changed: Iterable[Path]) -> list[Path] | None:
        """Invalidate what template, static and config changes affect; return content hints."""
        config = self.config
        paths = [p.absolute().parent.resolve() / p.name for p in changed]
        settings = {
            self._config_file().absolute(),
            config.local_registry.absolute(),
            *(f.absolute() for f in config.registry_files),
        }
        if any(p in settings for p in paths):
            file = self._config_file()
            self.config = load_config(file) if file.exists() else load_config(None, root=config.root)
            self.builder = self._builder(self.config)
            self._watch()
            return None
        templates = config.path(config.templates_dir).resolve()
        static = config.path(config.static_dir).resolve()
        content = config.path(config.content_dir).resolve()
        if any(p in (templates, static, content) for p in paths):  # a watched folder appeared or went
            self._watch()
        # Template and static edits need no hint: every run digests templates and reads static files.
        return [p for p in paths if p.is_relative_to(content)]

    def _builder(self, config: Config) -> Builder:
        return Builder(config, Options(Mode.SERVE, drafts=self.drafts))

    def _mirror(self, files: Mapping[str, bytes]) -> None:
        """Write what changed into the temporary folder (a copy for inspection; not served from)."""
        try:
            for rel, data in files.items():
                if self._written.get(rel) is not data:
                    target = safe_join(self.folder, rel)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            for rel in set(self._written) - set(files):
                safe_join(self.folder, rel).unlink(missing_ok=True)
            self._written = dict(files)
        except (OSError, ValueError) as exc:
            print(f"warning: could not mirror the site into {self.folder}: {exc}", file=self.log)


def serve(
    config: Config, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False, drafts: bool = False
) -> None:
    """Run the preview until Ctrl-C; raises PortInUse when the port is taken."""
    if host not in LOCAL:
        print(
            f"notice: serving on {host}; anyone who can reach this machine on that interface can read the preview",
            file=sys.stderr,
        )
    preview = Preview(config, drafts=drafts)
    try:  # everything after the temp folder exists sits inside this try, so Ctrl-C always cleans up
        url = preview.start(host, port)
        print(f"serving {url} (building into {preview.folder}); press Ctrl-C to stop", flush=True)
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)  # `kill` cleans up like Ctrl-C
            # Ctrl-C stops the preview even when started from a script that left SIGINT ignored.
            signal.signal(signal.SIGINT, signal.default_int_handler)
        while True:
            # A short sleep, not one endless wait: Python runs signal handlers in the main thread
            # only, and a main thread blocked in a lock forever would never see a Ctrl-C that the
            # kernel handed to one of the server's threads.
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)
    finally:
        preview.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


__all__ = ["PortInUse", "Preview", "serve"]


def _note(found: dict[str, tuple[int, int, int]], path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    found[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
