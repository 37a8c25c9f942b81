"""The version writer: files written aside and fsynced, the manifest last, the folder moved into place,
`current` switched; old versions and leftovers cleaned up, never the live one; one build at a time."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from kg.publication.layout import FileEntry, Manifest, current_dir, read_manifest
from kg.publication.writer import KEEP_VERSIONS, TMP_PREFIX, BuildLocked, VersionWriter, build_lock, clean_up, switch_current, touch

BASE = "http://example.org/"


def manifest_for(writer: VersionWriter) -> Manifest:
    return Manifest(
        version=writer.version, base=BASE, triples=1, graphs={BASE + "graph/a": 1}, files=tuple(writer.files), dataset=BASE + "id/dataset"
    )


def publish(output: Path, version: str, files: dict[str, bytes] | None = None) -> Path:
    writer = VersionWriter(output, version)
    for name, data in (files or {"kg.nt": b"<a> <b> <c> .\n"}).items():
        writer.write(name, data, "application/n-triples", "ntriples", "dump")
    return writer.publish(manifest_for(writer))


@pytest.fixture
def synced(monkeypatch):
    """The paths os.fsync is called on, in order."""
    paths: list[str] = []
    real = os.fsync

    def fsync(fd):
        paths.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return paths


def test_a_written_file_is_recorded_with_its_size_and_checksum(tmp_path):
    writer = VersionWriter(tmp_path, "v1")
    data = "dữ liệu".encode()
    entry = writer.write("sources/report.txt", data, "text/plain", "text", "source", "gzip")
    assert entry == FileEntry("sources/report.txt", "text/plain", "text", len(data), hashlib.sha256(data).hexdigest(), "gzip", "source")
    assert writer.files == [entry]
    assert writer.path("sources/report.txt").read_bytes() == data
    assert writer.path("sources/report.txt").parent.parent == writer.tmp
    assert writer.tmp.name == f"{TMP_PREFIX}v1-{os.getpid()}" and writer.tmp.parent == tmp_path / "versions"


def test_every_file_and_folder_is_fsynced_the_manifest_after_the_files(tmp_path, synced):
    writer = VersionWriter(tmp_path, "v1")
    writer.write("kg.nt", b"x", "application/n-triples", "ntriples", "dump")
    writer.write("sources/2012/a.txt", b"y", "text/plain", "text", "source")
    final = writer.publish(manifest_for(writer))
    tmp = str(writer.tmp)
    assert synced[:3] == [f"{tmp}/kg.nt", f"{tmp}/sources/2012/a.txt", f"{tmp}/manifest.json"]
    assert synced[3:6] == [f"{tmp}/sources/2012", f"{tmp}/sources", tmp]  # every folder, deepest first, before the move
    assert str(tmp_path / "versions") in synced and str(tmp_path) in synced  # the rename and the new link
    assert synced.index(str(tmp_path / "versions")) < synced.index(str(tmp_path))
    assert final == tmp_path / "versions" / "v1"


def test_publishing_moves_the_version_into_place_and_switches_current_to_it(tmp_path):
    final = publish(tmp_path, "v1", {"kg.nt": b"one\n"})
    assert final == tmp_path / "versions" / "v1" and (final / "kg.nt").read_bytes() == b"one\n"
    assert os.readlink(tmp_path / "current") == "versions/v1"
    assert current_dir(tmp_path) == final.resolve()
    assert read_manifest(final).files[0].path == "kg.nt"
    assert not list((tmp_path / "versions").glob(f"{TMP_PREFIX}*")) and not list(tmp_path.glob(f"{TMP_PREFIX}*"))


def test_publishing_a_version_that_exists_keeps_its_folder(tmp_path):
    first = publish(tmp_path, "v1")
    inode = first.stat().st_ino
    publish(tmp_path, "v2")
    again = publish(tmp_path, "v1")
    assert again.stat().st_ino == inode  # readers with it open keep reading the same files
    assert os.readlink(tmp_path / "current") == "versions/v1"
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == ["v1", "v2"]


def test_an_abandoned_version_leaves_nothing_behind(tmp_path):
    writer = VersionWriter(tmp_path, "v1")
    writer.write("kg.nt", b"x", "application/n-triples", "ntriples", "dump")
    writer.abandon()
    assert list((tmp_path / "versions").iterdir()) == []
    assert not (tmp_path / "current").exists()
    writer.abandon()  # a build failing while it cleans up fails with its own error, not this one


def test_a_writer_makes_the_output_folder_it_needs(tmp_path):
    final = publish(tmp_path / "new" / "output", "v1", {"deep/er/file.txt": b"z"})
    assert (final / "deep" / "er" / "file.txt").read_bytes() == b"z"


def test_a_leftover_folder_of_the_same_name_is_replaced(tmp_path):
    stale = tmp_path / "versions" / f"{TMP_PREFIX}v1-{os.getpid()}"
    stale.mkdir(parents=True)
    (stale / "half-written.nt").write_bytes(b"...")
    writer = VersionWriter(tmp_path, "v1")
    assert writer.tmp == stale and list(stale.iterdir()) == []


def test_switching_current_replaces_a_stale_temporary_link(tmp_path):
    (tmp_path / "versions" / "a").mkdir(parents=True)
    stale = tmp_path / f"{TMP_PREFIX}current-{os.getpid()}"
    os.symlink("nowhere", stale)
    switch_current(tmp_path, tmp_path / "versions" / "a")
    assert os.readlink(tmp_path / "current") == "versions/a"  # relative: the folder can be moved
    assert not stale.is_symlink()


def aged(output: Path, names: list[str]) -> None:
    """Versions `names`, published oldest first (their manifests' mtimes one minute apart)."""
    for i, name in enumerate(names):
        publish(output, name)
        then = time.time() - 60 * (len(names) - i)
        os.utime(output / "versions" / name / "manifest.json", (then, then))


def test_clean_up_keeps_the_newest_versions_and_the_live_one(tmp_path):
    aged(tmp_path, ["v1", "v2", "v3", "v4", "v5"])
    switch_current(tmp_path, tmp_path / "versions" / "v1")  # the oldest is live again
    removed = clean_up(tmp_path)
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == ["v1", "v3", "v4", "v5"]
    assert sorted(p.name for p in removed) == ["v2"]
    assert KEEP_VERSIONS == 3


def test_clean_up_keeps_as_many_versions_as_asked(tmp_path):
    aged(tmp_path, ["v1", "v2", "v3"])
    clean_up(tmp_path, keep=1)
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == ["v3"]  # v3 is live and newest


def test_clean_up_removes_the_leftovers_of_killed_builds_but_no_folder_without_a_manifest_of_its_own(tmp_path):
    publish(tmp_path, "v1")
    link = tmp_path / f"{TMP_PREFIX}current-99999"
    os.symlink("versions/v1", link)
    leftover = tmp_path / "versions" / f"{TMP_PREFIX}v2-99999"
    (leftover / "sources").mkdir(parents=True)
    incomplete = tmp_path / "versions" / "not-a-version"
    incomplete.mkdir()
    removed = clean_up(tmp_path)
    assert set(removed) == {link, leftover}
    assert not link.is_symlink() and not leftover.exists() and incomplete.is_dir()
    assert os.readlink(tmp_path / "current") == "versions/v1"


def test_clean_up_of_a_folder_with_no_versions_removes_only_leftover_links(tmp_path):
    link = tmp_path / f"{TMP_PREFIX}current-1"
    os.symlink("nowhere", link)
    assert clean_up(tmp_path) == [link]


def test_a_touched_version_counts_as_the_newest(tmp_path):
    aged(tmp_path, ["v1", "v2", "v3", "v4"])
    touch(tmp_path / "versions" / "v1")
    clean_up(tmp_path)
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == ["v1", "v3", "v4"]


def test_the_build_lock_is_a_file_in_the_output_folder_and_free_again_after_the_build(tmp_path):
    output = tmp_path / "new" / "out"
    with build_lock(output):
        assert (output / ".build.lock").is_file()
        with pytest.raises(BuildLocked, match=f"another build is running in {output}"):
            with build_lock(output):
                pass
    with build_lock(output):  # released
        pass


def test_the_build_lock_is_released_when_the_build_fails(tmp_path):
    with pytest.raises(ValueError):
        with build_lock(tmp_path):
            raise ValueError("the build failed")
    with build_lock(tmp_path):
        pass


def test_two_output_folders_are_locked_apart(tmp_path):
    with build_lock(tmp_path / "a"), build_lock(tmp_path / "b"):
        pass


def test_clean_up_goes_on_past_the_live_version(tmp_path):
    aged(tmp_path, ["v1", "v2", "v3", "v4", "v5"])
    switch_current(tmp_path, tmp_path / "versions" / "v2")  # live, with an older one behind it
    clean_up(tmp_path)
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == ["v2", "v3", "v4", "v5"]


def test_a_folder_that_cannot_be_removed_does_not_fail_the_clean_up(tmp_path, monkeypatch):
    aged(tmp_path, ["v1", "v2", "v3", "v4"])
    leftover = tmp_path / "versions" / f"{TMP_PREFIX}v9-1"
    leftover.mkdir()
    (leftover / "kg.nt").write_bytes(b"x")
    (tmp_path / "versions" / "v1" / "kg.nt").write_bytes(b"x")
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):  # the disk refuses to delete these files (a read-only mount, say)
        if str(path).endswith("kg.nt") or (kwargs.get("dir_fd") is not None and path == "kg.nt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    clean_up(tmp_path)  # no exception: what cannot be removed stays, the build goes on
    assert (leftover / "kg.nt").exists() and (tmp_path / "versions" / "v1" / "kg.nt").exists()
