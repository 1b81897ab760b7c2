"""Which municipality codes the apps above still use, so that an edition that drops one is refused.

The register imports none of the apps that use it: each declares what it uses in its own
`register_uses.py` with @uses_municipalities, found by module discovery when an edition is applied."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.module_loading import autodiscover_modules

Uses = Callable[[], dict[str, list[str]]]  # code -> what uses it, in words
_PROVIDERS: list[Uses] = []


def uses_municipalities(provider: Uses) -> Uses:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def municipality_codes_in_use() -> dict[str, list[str]]:
    autodiscover_modules("register_uses")
    found: dict[str, list[str]] = {}
    for provider in _PROVIDERS:
        for code, users in provider().items():
            found.setdefault(code, []).extend(users)
    return found
