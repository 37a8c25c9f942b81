"""/downloads lists the published files; /download/<name> serves those, and nothing else."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from kg.publication.layout import read_manifest

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture(scope="module")
def manifest(sample_output):
    return read_manifest((sample_output / "current").resolve())


def test_the_list_is_json_for_programs_with_every_manifest_file(sample_client, manifest):
    data = sample_client.get("/downloads").get_json()
    assert data["version"] == manifest.version
    assert sorted(f["name"] for f in data["files"]) == sorted(f.path for f in manifest.files)


def test_each_listed_file_has_format_media_type_size_hash_and_link(sample_client, manifest):
    listed = {f["name"]: f for f in sample_client.get("/downloads").get_json()["files"]}
    entry = manifest.file("kg.ttl")
    rights = {"licence", "rights"}  # as the description states them: tests/web/views/test_home_rights_and_citation.py
    assert {k: v for k, v in listed["kg.ttl"].items() if k not in rights} == {
        "name": "kg.ttl",
        "url": "http://localhost/download/kg.ttl",
        "role": "dump",
        "format": "turtle",
        "media_type": "text/turtle; charset=utf-8",
        "encoding": None,
        "bytes": entry.bytes,
        "sha256": entry.sha256,
    }
    assert listed["kg.ttl.gz"]["media_type"] == "application/gzip" and listed["kg.ttl.gz"]["encoding"] == "gzip"


def test_the_list_is_a_page_for_browsers(sample_client, manifest):
    response = sample_client.get("/downloads", headers=BROWSER)
    html = response.get_data(as_text=True)
    assert response.mimetype == "text/html" and all(f'href="/download/{f.path}"' in html for f in manifest.files)


def test_every_listed_file_downloads_with_its_hash(sample_client, manifest):
    for entry in manifest.files:
        response = sample_client.get(f"/download/{entry.path}")
        assert response.status_code == 200, entry.path
        assert hashlib.sha256(response.data).hexdigest() == entry.sha256


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("kg.ttl", "text/turtle; charset=utf-8"),
        ("kg.nt", "application/n-triples"),
        ("kg.jsonld", "application/ld+json"),
        ("kg.rdf", "application/rdf+xml; charset=utf-8"),
        ("kg.nq", "application/n-quads"),
        ("kg.trig", "application/trig"),
        ("void.ttl", "text/turtle; charset=utf-8"),
        ("queries.json", "application/json"),
        ("sources/report-a.txt", "text/plain; charset=utf-8"),
        ("kg.ttl.gz", "application/gzip"),
    ],
)
def test_files_are_served_with_their_media_type(sample_client, name, content_type):
    assert sample_client.get(f"/download/{name}").content_type == content_type


def test_a_download_has_the_sha256_as_etag_and_a_last_modified(sample_client, manifest):
    response = sample_client.get("/download/kg.nt")
    assert response.headers["ETag"] == f'"{manifest.file("kg.nt").sha256}"' and "Last-Modified" in response.headers


def test_if_none_match_gives_304(sample_client, manifest):
    response = sample_client.get("/download/kg.nt", headers={"If-None-Match": f'"{manifest.file("kg.nt").sha256}"'})
    assert response.status_code == 304 and response.data == b""


def test_if_modified_since_gives_304(sample_client):
    last_modified = sample_client.get("/download/kg.nt").headers["Last-Modified"]
    assert sample_client.get("/download/kg.nt", headers={"If-Modified-Since": last_modified}).status_code == 304


def test_a_stale_etag_gets_the_file(sample_client):
    assert sample_client.get("/download/kg.nt", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_gzip_clients_get_the_gz_copy_as_content_encoding(sample_client, sample_output):
    response = sample_client.get("/download/kg.ttl", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip" and response.content_type == "text/turtle; charset=utf-8"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(response.data) == (sample_output / "current" / "kg.ttl").read_bytes()


def test_the_gzip_representation_has_its_own_etag(sample_client, manifest):
    response = sample_client.get("/download/kg.ttl", headers={"Accept-Encoding": "gzip"})
    assert response.headers["ETag"] == f'"{manifest.file("kg.ttl.gz").sha256}"'


def test_clients_without_gzip_get_the_plain_file(sample_client, sample_output):
    response = sample_client.get("/download/kg.ttl", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers and response.data == (sample_output / "current" / "kg.ttl").read_bytes()
    assert "Accept-Encoding" in response.headers["Vary"]


def test_gzip_with_q_zero_is_not_used(sample_client):
    assert "Content-Encoding" not in sample_client.get("/download/kg.ttl", headers={"Accept-Encoding": "gzip;q=0"}).headers


def test_a_gz_file_downloads_as_itself(sample_client, sample_output):
    response = sample_client.get("/download/kg.nt.gz", headers={"Accept-Encoding": "gzip"})
    assert response.content_type == "application/gzip" and "Content-Encoding" not in response.headers
    assert gzip.decompress(response.data) == (sample_output / "current" / "kg.nt").read_bytes()


def test_sources_are_served(sample_client):
    assert sample_client.get("/download/sources/report-a.txt").get_data(as_text=True) == "Báo cáo A: nội dung.\n"


@pytest.mark.parametrize(
    "path",
    [
        "/download/manifest.json",
        "/download/store",
        "/download/store/CURRENT",
        "/download/../current/kg.ttl",
        "/download/%2e%2e/current/kg.ttl",
        "/download/%2E%2E%2Fcurrent%2Fkg.ttl",
        "/download/sources/../kg.ttl",
        "/download/sources%2f..%2fkg.ttl",
        "/download/..%5ckg.ttl",
        "/download/sources\\report-a.txt",
        "/download//etc/passwd",
        "/download/%2fetc%2fpasswd",
        "/download/kg.ttl%00",
        "/download/KG.TTL",
        "/download/kg.ttl/",
        "/download/nothing.ttl",
    ],
)
def test_anything_not_listed_is_404(sample_client, path):
    response = sample_client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert json.loads(response.data)["status"] == 404


def test_head_gives_headers_without_the_body(sample_client, manifest):
    response = sample_client.head("/download/kg.nt")
    assert response.status_code == 200 and response.data == b"" and int(response.headers["Content-Length"]) == manifest.file("kg.nt").bytes


def test_the_page_is_vietnamese_by_default_and_english_on_request(sample_client):
    vi = sample_client.get("/downloads", headers=BROWSER).get_data(as_text=True)
    en = sample_client.get("/downloads?lang=en", headers=BROWSER).get_data(as_text=True)
    assert "Tải dữ liệu" in vi and "văn bản gốc" in vi and "Downloads" in en and "source text" in en
