"""A real OpenID Connect provider for the single sign-on tests (#30): oidc-provider-mock, started as a
process of its own on a free port of this machine, plus a stand-in served from a thread that answers in
its place (another issuer) for the refusal tests. Its users are set with PUT /users/<sub>; its authorization
form posts `sub`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import requests
import werkzeug.serving

from organisations import services
from organisations.models import Grant, Organisation
from sso import clients
from sso.providers import Provider
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

KELA_ID = "0246246-0"


@contextmanager
def serve(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Serve the WSGI APP on localhost from a thread; its base address."""
    server = werkzeug.serving.make_server("localhost", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(2)
        clients.forget()  # the next test's provider is another process's, on another port


@contextmanager
def provider_process() -> Iterator[str]:
    """`python -m oidc_provider_mock` in a process of its own on a free port, requiring the nonce; its
    issuer. Its own process: pytest's warnings-as-errors never reach it, and it is the provider the
    issue asks for, not a part of the test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    issuer = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [*command, "--require-nonce"],
            stdout=subprocess.DEVNULL,
            stderr=log,
            env={**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1"},
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).raise_for_status()
                    break
                except requests.RequestException:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(f"oidc-provider-mock did not start: {log.read()!r}") from None
                    time.sleep(0.1)
            yield issuer
        finally:
            process.terminate()
            process.wait(10)
            clients.forget()


def impostor(real: str, *, issuer_of: str, drop: tuple[str, ...] = ()):
    """A provider in REAL's place: its discovery document is REAL's with the issuer ISSUER_OF ("self":
    the impostor's own address; "real": REAL's), every other endpoint REAL's, less the fields DROP."""
    import flask

    app = flask.Flask("impostor")

    @app.get("/.well-known/openid-configuration")
    def discovery():  # type: ignore[no-untyped-def]
        document = requests.get(f"{real}/.well-known/openid-configuration", timeout=5).json()
        if issuer_of == "self":
            document["issuer"] = flask.request.host_url.rstrip("/")
        for field in drop:  # a provider that leaves something out
            document.pop(field, None)
        return flask.jsonify(document)

    return app


def provider(issuer: str, tmp_path, *, key: str = "kela", organisations=(KELA_ID,), **extra) -> Provider:
    secret = tmp_path / f"{key}.secret"
    secret.write_text("s3cret\n")
    return Provider(
        key=key,
        names=(("fi", "Kela"), ("sv", "FPA"), ("en", "Kela")),
        issuer=issuer,
        client_id="tym-governance",
        client_secret=secret.read_text().strip(),
        organisations=tuple(organisations),
        **extra,
    )


def set_user(issuer: str, sub: str, **claims) -> None:
    response = requests.put(f"{issuer}/users/{sub}", json=claims, timeout=5)
    assert response.status_code == 204, response.text


def kela_user(world, *, email="kaisa.kela@kela.fi", username="kaisa"):
    """A Kela employee with a viewer's right in area A's cooperation (Kela takes part in every one)."""
    kela = Organisation.objects.filter(business_id=KELA_ID).first() or OrganisationFactory(
        kind=Organisation.Kind.KELA, name_fi="Kansaneläkelaitos", business_id=KELA_ID
    )
    user = UserFactory(username=username, email=email, first_name="Kaisa", last_name="Kelalainen")
    PersonFactory(organisation=kela, user=user, first_name="Kaisa", last_name="Kelalainen", email=email)
    services.grant(user=user, role=Grant.Role.VIEWER, organisation=kela, cooperation=world.area.cooperation)
    return user


def authorize(location: str, sub: str) -> str:
    """The provider's authorization form, sent for SUB as a person would: the address it sends the
    browser back to (our callback, with the code and state)."""
    response = requests.post(location, data={"sub": sub}, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def callback_path(back: str) -> str:
    parts = urlsplit(back)
    assert parse_qs(parts.query).get("state"), back
    return f"{parts.path}?{parts.query}"
