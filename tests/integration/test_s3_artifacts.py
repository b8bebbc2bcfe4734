"""Run archives on S3 over the real wire protocol: a `moto_server` process plays the
bucket, the platform runs on PostgreSQL and Redis with `artifact_store="s3"`. A real run
writes its archive to `<prefix><tenant>/<run>.zip`, downloads stream it back (with
credentials or a signed link), deleting the project removes it, and nothing is written
under data_dir/artifacts."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3  # type: ignore[import-untyped]
import httpx
import pytest
from fastapi.testclient import TestClient

from support.platform import Actor, pg_settings, seed_tenant, seed_user, serve, wait_for_run

LIBRARY = "a library with members, books and loans"
BUCKET = "tdev-artifacts"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A moto_server process of our own on a free port; stopped (only it) at the end."""
    port = _free_port()
    moto = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, "moto_server exited"
                time.sleep(0.1)
        else:
            raise RuntimeError("moto_server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def bucket(s3_endpoint: str) -> Any:
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106 (moto's dummy credentials)
    )
    s3.create_bucket(Bucket=BUCKET)
    return s3


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("s3runs")


@pytest.fixture(scope="module")
def client(data_dir: Path, s3_endpoint: str, bucket: Any) -> Iterator[TestClient]:
    overrides = {
        "artifact_store": "s3",
        "s3_bucket": BUCKET,
        "s3_endpoint_url": s3_endpoint,
        "s3_access_key_id": "test",
        "s3_secret_access_key": "test",
        "public_url": "https://tdev.example",
    }
    with pg_settings(data_dir, **overrides) as config, serve(config) as api:
        yield api


@pytest.fixture(scope="module")
def dev(client: TestClient) -> Actor:
    return seed_user(client, seed_tenant(client, "Acme"), "org_admin")


def _keys(bucket: Any) -> list[str]:
    listed = bucket.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def _stored(bucket: Any, key: str) -> bytes:
    data: bytes = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    return data


def _succeeded_run(client: TestClient, dev: Actor) -> tuple[str, dict[str, Any]]:
    made = client.post("/api/v1/projects", json={"name": "Library"}, headers=dev.headers)
    project = str(made.json()["id"])
    accepted = client.post(
        f"/api/v1/projects/{project}/runs", json={"description": LIBRARY}, headers=dev.headers
    )
    assert accepted.status_code == 202, accepted.text
    run = wait_for_run(client, dev.headers, accepted.json()["id"])
    assert run["status"] == "succeeded", run
    return project, run


def test_a_run_archive_lives_in_the_bucket_and_streams_back(
    client: TestClient, dev: Actor, bucket: Any, data_dir: Path
) -> None:
    project, run = _succeeded_run(client, dev)
    key = f"artifacts/{dev.tenant_id}/{run['id']}.zip"
    assert key in _keys(bucket)
    stored = _stored(bucket, key)
    assert len(stored) == run["artifact"]["size"]

    download = client.get(run["artifact"]["url"], headers=dev.headers)
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    assert download.headers["content-length"] == str(len(stored))
    assert download.headers["content-disposition"] == (
        f'attachment; filename="{run["artifact"]["name"]}"'
    )
    assert download.content == stored
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert any("/backend/app/models/book.py" in name for name in names)

    link = client.post(f"/api/v1/runs/{run['id']}/artifact-link", headers=dev.headers)
    assert link.status_code == 200
    url = urlsplit(link.json()["url"])
    signed = client.get(f"{url.path}?{url.query}")  # no credentials: the signature only
    assert (signed.status_code, signed.content) == (200, stored)
    assert not (data_dir / "artifacts").exists()  # nothing went to the local folder

    assert client.delete(f"/api/v1/projects/{project}", headers=dev.headers).status_code == 204
    assert key not in _keys(bucket)
    gone = client.get(run["artifact"]["url"], headers=dev.headers)
    assert gone.status_code == 404


def test_an_archive_lost_from_the_bucket_is_a_404(
    client: TestClient, dev: Actor, bucket: Any
) -> None:
    _, run = _succeeded_run(client, dev)
    bucket.delete_object(Bucket=BUCKET, Key=f"artifacts/{dev.tenant_id}/{run['id']}.zip")
    download = client.get(run["artifact"]["url"], headers=dev.headers)
    assert (download.status_code, download.json()["type"]) == (
        404,
        "https://tdeveloper.dev/problems/not-found",
    )
    link = client.post(f"/api/v1/runs/{run['id']}/artifact-link", headers=dev.headers)
    assert link.status_code == 404


def test_another_tenant_cannot_download_it(client: TestClient, dev: Actor, bucket: Any) -> None:
    _, run = _succeeded_run(client, dev)
    other = seed_user(client, seed_tenant(client, "Globex"), "org_admin")
    assert client.get(run["artifact"]["url"], headers=other.headers).status_code == 404
    signed = client.post(f"/api/v1/runs/{run['id']}/artifact-link", headers=other.headers)
    assert signed.status_code == 404
