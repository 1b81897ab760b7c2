"""The fingerprint of an agreement's text (#28 item 5), printed on every page of the copy out for
signature and compared with what a party signed (#30, agreements.pades)."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agreements.models import Agreement
    from agreements.selectors import VersionState


def fingerprint(agreement: Agreement, states: list[VersionState]) -> str:
    """SHA-256 of what is signed: the title, the parties (name, business ID) and every version's
    sections (number, title, text), so that two copies with the same fingerprint say the same thing."""
    content = {
        "title": agreement.title,
        "parties": [[str(p.organisation), p.organisation.business_id] for p in agreement.parties.all()],
        "versions": [
            [state.version.number, [[s.number, s.title, s.text] for s in state.version.sections.all()]]
            for state in states
        ],
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
