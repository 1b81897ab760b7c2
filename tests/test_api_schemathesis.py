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


def run(
    url: str,
    *headers: str,
    phases: str = "examples,coverage,fuzzing,stateful",
    examples: int = 8,
    operations: tuple[str, ...] = (),
):
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
    command += operations
    return subprocess.run(command, capture_output=True, text=True, timeout=900)


needs_schemathesis = pytest.mark.skipif(
    not SCHEMATHESIS.exists() and not shutil.which("schemathesis"), reason="dev extra"
)


@needs_schemathesis
@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_without_a_login(live_server, world, group_world, published):
    # Without a login every operation answers 401 before reading its input: a few fuzzed requests per
    # operation show that; the coverage phase's ~700 boundary cases are spent where the input is read.
    anonymous = run(live_server.url, phases="fuzzing", examples=3)
    assert anonymous.returncode == 0, anonymous.stdout[-6000:]


# The examples and coverage phases' parts, by the operation's name ("GET /api/v1/areas/"): together
# every operation of the schema (the test of the parts checks that).
PARTS = {
    "writes": "^(POST|PUT|PATCH|DELETE) ",
    "reads-a-f": "^GET /api/v1/[a-f]",
    "reads-g-z": "^GET /api/v1/[g-z]",
}


# With a read-write token, every phase with the same seed and budget as one run, but in parts, each a
# test of its own, so that pytest-xdist gives them to both workers instead of one worker fuzzing for two
# minutes while the other waits (#32). The phases are independent runs anyway; the examples and
# coverage phases (most of the time: the coverage phase's ~1,100 boundary cases) are split into the
# writing operations and two halves of the reading ones (PARTS).
@needs_schemathesis
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("phases", "operations"),
    [
        *[("examples,coverage", ("--include-name-regex", regex)) for regex in PARTS.values()],
        ("fuzzing", ()),
        ("stateful", ()),
    ],
    ids=[*[f"examples-coverage-{part}" for part in PARTS], "fuzzing", "stateful"],
)
def test_schemathesis_finds_no_server_error_and_no_schema_break(
    live_server, world, group_world, published, phases, operations
):
    _token, key = issue_token(
        user=world.secretary,
        name="schemathesis",
        scopes="read write",
        expires_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    signed_in = run(live_server.url, f"Authorization: Bearer {key}", phases=phases, operations=operations)
    assert signed_in.returncode == 0, signed_in.stdout[-6000:]
    assert "passed" in signed_in.stdout


def test_the_parts_take_every_operation_of_the_schema_once():
    import re

    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    names = [f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item]
    assert len(names) >= 30
    for name in names:
        assert sum(bool(re.search(regex, name)) for regex in PARTS.values()) == 1, name
