"""schemathesis against the running app (#18 acceptance): every operation of /api/schema/, fuzzed from
the schema itself, without a login and with a read-write token: no server error, and no response that
breaks the schema (problem details included)."""

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from api.auth import issue_token

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


def run(url: str, *headers: str, phases: str = "examples,coverage,fuzzing,stateful", examples: int = 8):
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{url}/api/schema/",
        "--checks",
        "not_a_server_error,response_schema_conformance",
        "--phases",
        phases,
        "--max-examples",
        str(examples),
        "--seed",
        "18",
        "--workers",
        "1",
        "--request-timeout",
        "30",
    ]
    for header in headers:
        command += ["-H", header]
    return subprocess.run(command, capture_output=True, text=True, timeout=900)


@pytest.mark.skipif(not SCHEMATHESIS.exists() and not shutil.which("schemathesis"), reason="dev extra")
@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_and_no_schema_break(live_server, world, group_world, published):
    # Without a login every operation answers 401 before reading its input: a few fuzzed requests per
    # operation show that; the coverage phase's ~700 boundary cases are spent where the input is read.
    anonymous = run(live_server.url, phases="fuzzing", examples=3)
    assert anonymous.returncode == 0, anonymous.stdout[-6000:]
    _token, key = issue_token(
        user=world.secretary,
        name="schemathesis",
        scopes="read write",
        expires_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    signed_in = run(live_server.url, f"Authorization: Bearer {key}")
    assert signed_in.returncode == 0, signed_in.stdout[-6000:]
    assert "passed" in signed_in.stdout
