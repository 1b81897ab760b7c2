"""Which of the agreement's signatories a signing certificate names (#30).

A certificate names a person (its common name, or given name and surname) and, in an organisation
certificate, the organisation and its business ID (X.520 organizationIdentifier "NTRFI-1234567-8", ETSI
EN 319 412-1 § 5.1.4). The signature is matched to the signatory whose name as written in the agreement
is the certificate's name (letters compared without case, the order of the names free), among the
parties' signatories who must sign; when the certificate carries a business ID, only among that party's.
No match, or more than one, is refused: the product never guesses whose signature it records. The
uploader's own party does not decide the match (a file may carry several parties' signatures, each
recorded for its own signer); it only decides who may upload (agreements.access)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from agreements.models import Signatory
from agreements.pades import Problem, SignerReport


def name_key(name: str) -> tuple[str, ...]:
    """A name compared without case, accents as written, spacing or the order of its parts."""
    return tuple(sorted(unicodedata.normalize("NFKC", name).casefold().replace(",", " ").split()))


def match(signer: SignerReport, signatories: Iterable[Signatory]) -> Signatory | Problem:
    """The one signatory among SIGNATORIES (with their parties' organisations loaded) whom SIGNER's
    certificate names, or the problem."""
    candidates = [s for s in signatories if s.must_sign and not s.is_placeholder]
    if signer.business_id:
        candidates = [s for s in candidates if s.party.organisation.business_id == signer.business_id]
        if not candidates:
            return Problem("not_a_party", {"business_id": signer.business_id})
    wanted = name_key(signer.signer_name)
    named = [s for s in candidates if wanted and wanted in _names(s)]
    if len(named) == 1:
        return named[0]
    params = {"name": signer.signer_name or signer.subject, "organisation": signer.organisation or "-"}
    return Problem("ambiguous_signatory" if named else "no_signatory", params)


def _names(signatory: Signatory) -> set[tuple[str, ...]]:
    names = {name_key(signatory.name_as_written)}
    person = signatory.person
    if person is not None:
        names.add(name_key(f"{person.first_name} {person.last_name}"))
    return names
