"""A small store of hand-made events and TestClients over it (no model, no network)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.store import Store
from store.factories import FakePipeline, make_pairs, make_scene_pairs

TOKEN = "s3cret-token"
#: 40 scene events (May 1 - June 9 2024, every tenth undated) and 4 older-style ones.
N_SCENES = 40


def build_store(path: Path) -> Path:
    with Store(path) as store:
        store.write_batch(make_scene_pairs(N_SCENES) + make_pairs(0, 2))
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "events.duckdb")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db=store_path)) as test_client:
        yield test_client


@pytest.fixture
def ingest_client(store_path: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a copy of the store, with POST /api/articles on and a fake pipeline."""
    db = Path(shutil.copy(store_path, tmp_path / "w.duckdb"))
    app = create_app(db=db, token=TOKEN, pipeline=FakePipeline())
    with TestClient(app) as test_client:
        yield test_client
