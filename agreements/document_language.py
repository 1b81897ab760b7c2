"""The language of the cooperation agreement's PDF (#28 item 4). The agreement is the employment
authority's instrument: it is approved by the authority's body (here the employment-area board, § 16/2025)
and is rendered in that body's official language(s), whatever the reader's interface. Before a decision
approves it, the languages of the cooperation's municipal bodies are used (the authority's bodies);
with none recorded, Finnish. English is only an unofficial translation (core.doclang)."""

from __future__ import annotations

from agreements.models import Agreement
from decisions.models import Body


def official_languages(agreement: Agreement) -> list[str]:
    """The official languages of AGREEMENT's documents, the main one first (one query)."""
    decision = agreement.approving_decision
    if decision is not None:
        bodies = Body.objects.filter(pk=decision.body_id)
    else:
        bodies = Body.objects.filter(area__cooperation_id=agreement.cooperation_id, kind="municipal")
    languages: list[str] = []
    for main, second in bodies.order_by("pk").values_list("language", "second_language"):
        for code in (main, second):
            if code and code not in languages:
                languages.append(code)
    return languages or ["fi"]
