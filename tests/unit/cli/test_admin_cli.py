"""`tdev admin`: the first operator (a super_admin) and signing-key rotation, as processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jwt

from support.platform import serve
from tdeveloper.platform.kit.settings import Settings

TDEV = str(Path(sys.executable).with_name("tdev"))


def _tdev(
    data: Path,
    *args: str,
    password: str = "operator pass 123",  # noqa: S107
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TDEV_DATA_DIR": str(data), "TDEV_OPERATOR_PASSWORD": password}
    return subprocess.run([TDEV, *args], env=env, capture_output=True, text=True, timeout=120)


def test_an_operator_signs_in_as_super_admin(tmp_path: Path) -> None:
    made = _tdev(tmp_path, "admin", "create-operator", "--email", "Ops@Example.com")
    assert made.returncode == 0, made.stderr
    with serve(Settings(data_dir=tmp_path)) as api:
        form = {"username": "ops@example.com", "password": "operator pass 123"}
        token = api.post("/api/v1/auth/token", data=form).json()["access_token"]
        me = api.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "super_admin" and "*" in me["permissions"]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    made = _tdev(tmp_path, "admin", "create-operator", "--email", "not-an-address")
    assert made.returncode == 2
    assert made.stderr.strip().count("\n") == 0 and "Traceback" not in made.stderr
    short = _tdev(tmp_path, "admin", "create-operator", "--email", "a@b.co", password="short")  # noqa: S106
    assert short.returncode == 2 and "password" in short.stderr


def test_rotating_keys_keeps_old_tokens_valid(tmp_path: Path) -> None:
    _tdev(tmp_path, "admin", "create-operator", "--email", "ops@example.com")
    with serve(Settings(data_dir=tmp_path)) as api:
        form = {"username": "ops@example.com", "password": "operator pass 123"}
        old = api.post("/api/v1/auth/token", data=form).json()["access_token"]
        rotated = _tdev(tmp_path, "admin", "rotate-keys")
        assert rotated.returncode == 0 and rotated.stdout.startswith("new signing key")
        kid = rotated.stdout.split()[-1]
        headers = {"Authorization": f"Bearer {old}"}
        assert api.get("/api/v1/auth/me", headers=headers).status_code == 200
        assert kid in {k["kid"] for k in api.get("/.well-known/jwks.json").json()["keys"]}
        new = api.post("/api/v1/auth/token", data=form).json()["access_token"]
        assert jwt.get_unverified_header(new)["kid"] == kid  # the server signs with it now
