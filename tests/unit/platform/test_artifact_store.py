"""The artifact stores without a server: the local folder's layout, its atomic writes and
removal, names made of UUIDs only, the S3 key layout, and the settings that choose."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.run import storage
from tdeveloper.platform.run.storage import LocalStore, S3Store, make_store
from tdeveloper.spec.errors import InputError

TENANT, RUN = uuid.uuid4(), uuid.uuid4()


def test_local_store_round_trip_in_the_documented_layout(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    assert not store.exists(TENANT, RUN)
    assert store.open(TENANT, RUN) is None

    store.put(TENANT, RUN, b"PK archive")
    path = tmp_path / "artifacts" / str(TENANT) / f"{RUN}.zip"
    assert store.open(TENANT, RUN) == path
    assert path.read_bytes() == b"PK archive"
    assert store.exists(TENANT, RUN)
    assert os.listdir(path.parent) == [path.name]  # no temporary file left behind

    store.put(TENANT, RUN, b"PK newer")  # a second write replaces the first whole
    assert path.read_bytes() == b"PK newer"


def test_a_local_write_is_never_seen_half_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalStore(tmp_path)
    store.put(TENANT, RUN, b"old archive")
    seen: list[tuple[Path, bytes, bytes]] = []
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        # The moment before the rename: the data is complete in the temporary file and
        # the archive's own name still shows the old one.
        seen.append((Path(src), Path(src).read_bytes(), Path(dst).read_bytes()))
        real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", replace)
    store.put(TENANT, RUN, b"new archive")
    [(tmp, staged, visible)] = seen
    assert tmp.parent == store.path(TENANT, RUN).parent and tmp.name.startswith(".")
    assert (staged, visible) == (b"new archive", b"old archive")
    assert store.path(TENANT, RUN).read_bytes() == b"new archive"
    assert not tmp.exists()


def test_a_failed_local_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalStore(tmp_path)

    def broken(src: str | Path, dst: str | Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(storage.os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        store.put(TENANT, RUN, b"data")
    assert not store.exists(TENANT, RUN)
    assert list(store.path(TENANT, RUN).parent.iterdir()) == []


def test_remove_deletes_the_named_runs_and_ignores_missing_ones(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    kept, gone = uuid.uuid4(), uuid.uuid4()
    store.put(TENANT, kept, b"kept")
    store.put(TENANT, gone, b"gone")
    store.remove(TENANT, [gone, uuid.uuid4()])
    assert (store.exists(TENANT, kept), store.exists(TENANT, gone)) == (True, False)
    store.remove(TENANT, [gone])  # twice is harmless


@pytest.mark.parametrize("bad", ["../../etc", "x/../y", "not-a-uuid", ""])
def test_names_are_made_of_uuids_only(tmp_path: Path, bad: str) -> None:
    store = LocalStore(tmp_path)
    with pytest.raises(ValueError, match="badly formed"):
        store.put(bad, RUN, b"x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="badly formed"):
        store.open(TENANT, bad)  # type: ignore[arg-type]
    assert not (tmp_path / "artifacts").exists()


def test_uuid_strings_are_normalised(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put(str(TENANT).upper(), RUN, b"x")  # type: ignore[arg-type]
    assert store.path(TENANT, RUN).is_file()


def test_s3_keys_follow_the_prefix() -> None:
    store = S3Store("bucket", "runs/", endpoint_url="http://127.0.0.1:1", region="eu-west-1")
    assert store.key(TENANT, RUN) == f"runs/{TENANT}/{RUN}.zip"
    with pytest.raises(ValueError, match="badly formed"):
        store.key(TENANT, "../other")  # type: ignore[arg-type]


def test_settings_choose_the_store(tmp_path: Path) -> None:
    assert isinstance(make_store(Settings(data_dir=tmp_path)), LocalStore)
    config = Settings(data_dir=tmp_path, artifact_store="s3", s3_bucket="tdev")
    store = make_store(config)
    assert isinstance(store, S3Store)
    assert (store.bucket, store.prefix) == ("tdev", "artifacts/")
    assert "hidden" not in repr(Settings(s3_secret_access_key="hidden"))  # noqa: S106


def test_s3_without_a_bucket_fails_with_one_line() -> None:
    with pytest.raises(InputError) as failure:
        Settings(artifact_store="s3")
    assert failure.value.message == "TDEV_ARTIFACT_STORE=s3 needs a bucket: set TDEV_S3_BUCKET"
    with pytest.raises(InputError, match="'local' or 's3'"):
        Settings(artifact_store="gcs")
