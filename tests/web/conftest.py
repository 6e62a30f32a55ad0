"""A live `eventwire serve` on a hand-made store, and headless Debian Chromium to drive it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.records import Article, Event
from eventwire.store import Store
from store.factories import make_scene_pairs

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (/usr/bin/chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    db: Path, *, port: int, log: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """`eventwire serve` in a subprocess (output to `log`), returned once it answers."""
    command = [str(Path(sys.executable).with_name("eventwire")), "serve", "--db", str(db),
               "--port", str(port)]  # fmt: skip
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, **(env or {})})  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"eventwire serve exited: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/config", timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    raise RuntimeError(f"eventwire serve did not answer within 30 s: {log.read_text()}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (`make test` installs Debian's chromium as root)")
    pytest.importorskip("playwright.sync_api", reason="the dev extra (playwright) is not installed")
    return CHROMIUM


#: Scenes 103 and 115 (both PROTEST in Lyon) are two reports of one real-world event.
CLUSTER, CLUSTERED = "clu-lyon", (103, 115)


def scene_store_pairs(count: int = 120) -> list[tuple[Article, list[Event]]]:
    """`count` scene articles; those of `CLUSTERED` share `CLUSTER`, from two publications."""
    pairs = make_scene_pairs(count)
    for n in CLUSTERED:
        article, events = pairs[n]
        if n == CLUSTERED[0]:
            article = replace(article, publication="Lyon Courier")
        pairs[n] = article, [replace(e, article=article, cluster_id=CLUSTER) for e in events]
    return pairs


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("web")
    with Store(folder / "events.duckdb") as store:
        store.write_batch(scene_store_pairs(120))
        # the two reports of the Lyon march, and one more article, tell one story
        rows = [(f"scene{n:05d}", "story-lyon") for n in (*CLUSTERED, 7)]
        store.con.executemany("INSERT INTO article_stories VALUES (?, ?)", rows)
    port = free_port()
    server = start_server(folder / "events.duckdb", port=port, log=folder / "serve.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(server)
