"""schemathesis against /openapi.json of a real `tdev serve` process on PostgreSQL
(application role, row-level security) and Redis, signed in as an organisation's
administrator: whatever the generated requests hold, no answer is a server error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support.platform import pg_settings, seed_tenant, seed_user, serve, serve_process

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


def test_no_generated_request_makes_a_server_error(tmp_path: Path) -> None:
    with pg_settings(tmp_path, run_threads=1) as config:
        with serve(config) as client:
            admin = seed_user(client, seed_tenant(client, "Fuzz"), "org_admin")
        with serve_process(config) as url:
            command = [
                SCHEMATHESIS,
                "run",
                f"{url}/openapi.json",
                "--header",
                f"Authorization: Bearer {admin.token}",
                "--checks",
                "not_a_server_error",
                "--max-examples",
                "15",
                "--workers",
                "1",
                # Logging out ends the session the run signs in with; it is covered by
                # the identity tests instead.
                "--exclude-path",
                "/api/v1/auth/logout",
            ]
            done = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-4000:]
    tested = re.search(r"Tested: (\d+)", report)
    assert tested and int(tested.group(1)) >= 25, report[-4000:]
    # It really signed in: at most a few operations saw only 401/403, which happens when a
    # stateful sequence makes a second admin and then demotes or deactivates the first.
    refused = re.search(r"Authentication failed: (\d+) operation", report)
    assert refused is None or int(refused.group(1)) <= 3, report[-4000:]


def test_what_the_fuzzer_found_stays_fixed(tmp_path: Path) -> None:
    """A NUL character in text and an offset past the database's integer were 500s."""
    with pg_settings(tmp_path) as config, serve(config) as client:
        admin = seed_user(client, seed_tenant(client, "Nul"), "org_admin")
        h = admin.headers
        body = {"name": "t\u0000o", "scopes": ["agent:execute"]}
        assert client.post("/api/v1/api-keys", json=body, headers=h).status_code == 422
        project = {"name": "a\u0000b", "description": ""}
        assert client.post("/api/v1/projects", json=project, headers=h).status_code == 422
        for path in ("/api/v1/users", "/api/v1/api-keys", "/api/v1/projects"):
            answer = client.get(path, params={"offset": 2**70}, headers=h)
            assert answer.status_code == 422, (path, answer.text)
        assert client.get("/api/v1/projects", headers=h).json()["total"] == 0  # nothing kept
