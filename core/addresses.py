"""The client's address (#31 item 6). Behind the load balancer every request comes from the proxy's
address, so the use log's address column and every per-client limit would see one client. The proxy's
X-Forwarded-For is believed only when the request comes from an address in settings.TRUSTED_PROXIES
(addresses or networks), and then read from the right, past the trusted proxies: the left of the
header is whatever the client wrote. django-axes, the use log and the password-reset limit all use it."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _parse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request: object) -> str | None:
    """The address of the client that sent REQUEST, or None when there is none to tell."""
    meta = getattr(request, "META", {})
    remote = _parse(meta.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return str(remote)
    hops = [h for h in (meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if h.strip()]
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:  # a garbled hop: believe nothing further left
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
