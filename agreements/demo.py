"""The cooperation agreement that decision § 16/2025 approves, as written: its 13 sections
(source_agreement_16_2025.txt, taken from the source document with page headers removed), the four
parties as § 2 writes them, the signatories of § 13 (Keski-Suomi's as "N.N., titteli"), and the 3
copies § 11 states. No signature dates appear in the source, so none is recorded: the agreement is
approved but not yet in force.

Which section holds each topic the rules cite is this agreement's own numbering (TOPICS), read from
its headings. Of the parties' approving decisions the source shows only the employment authority's
(§ 16/2025, its meeting day not shown): the other three parties' are not recorded, and the agreement
page and the compliance report say so."""

import datetime
from pathlib import Path

from agreements.models import (
    Agreement,
    AgreementParty,
    PartyApproval,
    Section,
    Signatory,
    TopicSection,
    Version,
)
from core.demo import DemoContext, upsert
from governance.citations import Topic

SOURCE = Path(__file__).with_name("source_agreement_16_2025.txt")
SOURCE_DATE = datetime.date(2025, 3, 26)

PARTIES = [
    (
        "jamsa",
        "Työvoimaviranomainen\nJämsän kaupunki\nEteläisen Keski-Suomen työllisyysaluelautakunta (jäljempänä työllisyysalue)",
    ),
    ("ks_hva", "Keski-Suomen hyvinvointialue"),
    ("pirha", "Pirkanmaan hyvinvointialue"),
    ("kela", "Kansaneläkelaitos (jäljempänä myös Kela)"),
]

# party key, name as written, title as written, person key (None for N.N.)
SIGNATORIES = [
    ("jamsa", "Jori Reijula", "kaupunginjohtaja", "reijula"),
    ("jamsa", "Satu Soutolahti", "työllisyysaluejohtaja", "soutolahti"),
    ("ks_hva", "N.N.", "titteli", None),
    ("pirha", "Mika Kontio", "konsernipalvelujohtaja", "kontio"),
    ("kela", "Tommi Hallikainen", "palveluyksikön johtaja", "hallikainen"),
    ("kela", "Heikki Heilä", "ratkaisukeskuksen päällikkö", "heila"),
]


# The section of each cited topic, by the headings of the source: 2. Sopijaosapuolet, 4. Tavoitteet,
# 6. Henkilöstö, 8. Johtoryhmä ja johtava henkilö, 9. Yhteistoimintamallin kustannukset,
# 10. Monialaisen yhteispalvelun asiakasrekisteri, 11. Sopimuksen voimassaolo ja muuttaminen (copies,
# entry into force, termination, amendments), 12. Erimielisyyksien ratkaiseminen, 13. Allekirjoitukset.
TOPICS = {
    Topic.PARTIES: 2,
    Topic.OBJECTIVES: 4,
    Topic.STAFFING: 6,
    Topic.STEERING_GROUP: 8,
    Topic.COSTS: 9,
    Topic.ACCESS_RIGHTS: 10,
    Topic.ENTRY_INTO_FORCE: 11,
    Topic.AMENDMENTS: 11,
    Topic.COPIES: 11,
    Topic.TERMINATION: 11,
    Topic.DISPUTES: 12,
    Topic.SIGNATURES: 13,
}


def sections() -> list[tuple[int, str, str]]:
    result = []
    for block in SOURCE.read_text(encoding="utf-8").split("=== ")[1:]:
        heading, _, text = block.partition("\n")
        number, _, title = heading.partition(". ")
        result.append((int(number), title.strip(), text.strip()))
    return result


def load(ctx: DemoContext) -> None:
    orgs, people = ctx["organisations"], ctx["people"]
    agreement = upsert(
        ctx,
        Agreement,
        {"cooperation": ctx["cooperation"]},
        {
            "title": "Yhteistyösopimus: työllistymistä edistävän monialaisen tuen yhteistoimintamallin järjestäminen",
            "copies_stated": 3,
            "approving_decision": ctx["decision_16_2025"],
            "authorised_signer": "työllisyysaluejohtaja (päätös § 16/2025, kohta 3)",
            "forum_public_law": "Hämeenlinnan hallinto-oikeus",
            "forum_civil": "Keski-Suomen käräjäoikeus",
            # § 16/2025 approved the agreement and authorised its signing: it went out to the parties.
            "status": Agreement.Status.OUT_FOR_SIGNATURE,
        },
    )
    parties = {}
    for order, (key, written) in enumerate(PARTIES, start=1):
        parties[key] = upsert(
            ctx,
            AgreementParty,
            {"agreement": agreement, "organisation": orgs[key]},
            {"role_as_written": written, "order": order},
        )
    for key, name, title, person in SIGNATORIES:
        upsert(
            ctx,
            Signatory,
            {"party": parties[key], "name_as_written": name},
            {
                "title_as_written": title,
                "person": people[person] if person else None,
                "is_placeholder": person is None,
            },
        )
    version = upsert(
        ctx,
        Version,
        {"agreement": agreement, "number": 1},
        # Not the day the demo is loaded (the case file must not change with the calendar): the source
        # shows the text by the publication of the minutes of § 16/2025 on 26.3.2025.
        {"kind": Version.Kind.ORIGINAL, "description": "Alkuperäinen sopimus", "created_on": SOURCE_DATE},
    )
    for number, title, text in sections():
        upsert(ctx, Section, {"version": version, "number": number}, {"title": title, "text": text})
    for topic, number in TOPICS.items():
        upsert(ctx, TopicSection, {"agreement": agreement, "topic": topic.value}, {"section_number": number})
    decision = ctx["decision_16_2025"]
    upsert(
        ctx,
        PartyApproval,
        {"party": parties["jamsa"]},
        # The extract does not show the meeting day: the decision is recorded without a date.
        {"body": decision.body.name_fi, "decided_on": None, "section": decision.section, "reference": ""},
    )
    ctx["agreement"] = agreement
