"""#30: the first real case's signing copy (13 sections over several pages, running titles, page numbers
and the watermark on every page), signed by two of its parties, validates against its version; one
word changed in the recorded text afterwards and it no longer does."""

import pytest

from agreements import pades
from agreements.models import Agreement, Section
from agreements.views import agreement_document
from tests.pki import PKI


@pytest.fixture
def pki(tmp_path, settings):
    made = PKI(tmp_path)
    settings.SIGNATURE_TRUST_ROOTS = [str(made.root_path)]
    return made


def test_the_real_agreements_copy_signed_by_two_parties_is_its_version_and_a_changed_word_is_not(demo, pki):
    agreement = Agreement.objects.get()
    copy = agreement_document(agreement)
    jamsa = pki.signer("Jori Reijula", "Jämsän kaupunki")
    kela = pki.signer("Heikki Heilä", "Kansaneläkelaitos")
    signed = pki.sign(pki.sign(copy, jamsa, field="Jamsa"), kela, field="Kela")
    expected = pades.signing_copy(Agreement.objects.get())
    assert len(expected.sections) == 13
    report = pades.validate(signed, expected=expected)
    assert report.ok, report.lines()
    assert [s.signer_name for s in report.signatures] == ["Jori Reijula", "Heikki Heilä"]

    section = Section.objects.get(version__agreement=agreement, number=12)
    section.text = section.text.replace("hallinto-oikeuden", "käräjäoikeuden", 1)
    section.save()
    changed = pades.validate(signed, expected=pades.signing_copy(Agreement.objects.get()))
    assert not changed.ok
    assert {p.code for s in changed.signatures for p in s.problems} == {"fingerprint_missing"}
