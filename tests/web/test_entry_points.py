"""Entry points other servers import: `create_app()` and `kg.web.asgi:app` read the KG_* environment like `kg serve`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.publication.layout import read_manifest
from tests.conftest import free_port
from tests.processes import stop_process

GRANIAN = Path(sys.executable).with_name("granian")


def test_create_app_without_settings_reads_the_environment(monkeypatch, publication_dir):
    from kg.web import create_app

    monkeypatch.setenv("KG_OUTPUT", str(publication_dir))
    monkeypatch.setenv("KG_MAX_ROWS", "7")
    app = create_app()
    try:
        assert app.config["KG"].output_dir == Path(publication_dir) and app.config["KG"].max_rows == 7
        body = app.test_client().get("/health").get_json()
        assert body["version"] == read_manifest(Path(publication_dir) / "current").version
    finally:
        app.extensions["kg.store"].close()


@pytest.mark.e2e
def test_granian_serves_the_asgi_entry_with_the_environments_settings(publication_dir, tmp_path):
    port = free_port()
    env = {**os.environ, "KG_OUTPUT": str(publication_dir), "KG_MAX_ROWS": "3"}
    log = open(tmp_path / "granian.log", "wb")
    process = subprocess.Popen(
        [str(GRANIAN), "--interface", "asgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "kg.web.asgi:app"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/livez", timeout=2) as response:
                    assert json.loads(response.read()) == {"status": "alive"}
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "granian.log").read_text()
                time.sleep(0.2)
        query = quote("SELECT ?s WHERE { ?s ?p ?o }")
        request = urllib.request.Request(f"{url}/sparql?query={query}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["X-KG-Row-Limit"] == "3" and response.headers["X-KG-Truncated"] == "true"
            assert len(json.loads(response.read())["results"]["bindings"]) == 3
    finally:
        stop_process(process, grace_s=20)
        log.close()
