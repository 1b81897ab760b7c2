"""The board's meeting and decision § 16/2025 as the certified extract gives it.

The extract does not show the meeting's number, date, times or place, who attended, the chair,
the secretary, the section's title or who checked the minutes: they stay unrecorded (the title used
is descriptive, built from the decision's own parts). The minutes went on the public network on
26.3.2025; the extract was certified in Jämsä on 2.4.2025 by Riitta
Uosukainen; the decision was e-mailed to a party on 2.4.2025. Ordinary electronic notification
presupposes the recipient's consent (Act 13/2003 § 19); the source does not state it, so the consent
stays "not recorded": no deemed receipt and no finality until receipt is proven (Act 13/2003 § 19, #28).
"""

import datetime
from pathlib import Path

from core.demo import DemoContext, upsert
from decisions.models import AgendaItem, Annex, AppealPart, Body, Extract, Meeting, Notification

# The decision's background ("Asian tausta"), from the extract: page breaks and hyphenation removed.
BACKGROUND = Path(__file__).with_name("source_decision_16_2025_background.txt")

PROPOSAL = """Eteläisen Keski-Suomen työllisyysaluelautakunta päättää

1. asettaa monialaisen tuen yhteistoimintamallin johtoryhmän ja valita johtoryhmän jäsenet seuraavasti:

Organisaatio – varsinainen jäsen – henkilökohtainen varajäsen
Työvoimaviranomainen – Satu Soutolahti – Maria Marjeta
Työvoimaviranomainen – Eeva Heininen – Seija Nummelin
Työvoimaviranomainen – Virpi Saastamoinen – Karoliina Luukko
Työvoimaviranomainen – Vuokko Hjelt – Heli Palomäki
Työvoimaviranomainen – Erja Ikkala – Petra-Sofia Korpela
Keski-Suomen hyvinvointialue – Ulla Kuittu, Anne Pihl, Anu Pihl
Pirkanmaan hyvinvointialue – Tuuli Pakarinen – Elina Lähteenmäki
Kansaneläkelaitos – Annukka Martikainen – Minna Tapanila

2. valita edellä kohdassa 2 johtoryhmän jäseniksi valituista johtoryhmän puheenjohtajaksi Satu Soutolahden \
(työvoimaviranomaisen edustaja) ja varapuheenjohtajaksi Ulla Kuitun (hyvinvointialueen edustaja) ja

3. hyväksyä yhteistyösopimuksen työllistymistä edistävän monialaisen tuen yhteistoimintamallin järjestämisestä \
Eteläisen Keski-Suomen työllisyysalueella. Eteläisen Keski-Suomen työllisyysaluelautakunta valtuuttaa \
työllisyysaluejohtajan allekirjoittamaan sopimuksen. Työllisyysaluelautakunta valtuuttaa työllisyysaluejohtajan \
tekemään sopimustekstiin tarvittaessa teknisluontoisia tarkennuksia ja muutoksia."""

# No hand-kept list of names: every person the product knows is removed from the public texts after
# the appeal period by one rule (decisions.personal_names; #28 item 2).


# The operating area's municipalities (toiminta-alue), the members of the joint board.
JOINT_MUNICIPALITIES = [
    "Joutsa",
    "Jämsä",
    "Keuruu",
    "Luhanka",
    "Multia",
    "Mänttä-Vilppula",
    "Petäjävesi",
    "Toivakka",
]


def load(ctx: DemoContext) -> None:
    area, _orgs, people = ctx["area"], ctx["organisations"], ctx["people"]
    board = upsert(
        ctx,
        Body,
        {"code": "etela-keski-suomen-tyollisyysaluelautakunta"},
        {
            "area": area,
            "name_fi": "Eteläisen Keski-Suomen työllisyysaluelautakunta",
            "kind": Body.Kind.MUNICIPAL,
            # The board is the area's joint body (Kuntalaki § 51) hosted by Jämsä: the members of every
            # municipality of the area have standing (§ 137 (2)) and are informed by publication (§ 140).
            "joint_municipalities": "\n".join(JOINT_MUNICIPALITIES),
            # The source's wording, kept as a note: the printed instructions name the board itself (§ 134).
            "claim_authority_fi": "kaupunginhallitus",
            "registry_name": "Jämsän kaupungin kirjaamo",
            "registry_address": "Jämsän kaupunki\nPaattilantie 2\n42100 Jämsä",
            "registry_email": "kirjaamo(at)jamsa.fi",
            "registry_hours_fi": "Kirjaamon aukioloaika on maanantaista perjantaihin klo 9–15.",
            "registry_closes_at": datetime.time(15, 0),
            "publishes_minutes": True,
            # Jämsä and the area's municipalities are Finnish-speaking: the board's documents are in
            # Finnish whatever the reader's interface language (#28 item 4).
            "language": "fi",
        },
    )
    upsert(
        ctx,
        Body,
        {"code": "etela-keski-suomen-tym-johtoryhma"},
        {
            "area": area,
            "name_fi": "Eteläisen Keski-Suomen TYM-johtoryhmä",
            "kind": Body.Kind.COOPERATION,
            "publishes_minutes": False,
        },
    )
    # The extract shows the minutes on the public network on 26.3.2025, so they were checked before
    # that (Kuntalaki § 140), but on a day the source does not give. The extract gives no meeting
    # number, date, times, place, attendance, chair, secretary, minute-checkers or invitation: they
    # stay unrecorded and the minutes say so (#28 item 3); only the proposal's presenter is known.
    meeting = upsert(
        ctx, Meeting, {"body": board, "published_on": datetime.date(2025, 3, 26)}, {"checked_undated": True}
    )
    item = upsert(
        ctx,
        AgendaItem,
        {"body": board, "year": 2025, "number": 16},
        {
            "meeting": meeting,
            "title": "Monialaisen tuen yhteistoimintamallin johtoryhmän asettaminen ja yhteistyösopimuksen hyväksyminen",
            "title_descriptive": True,  # the extract does not show the section's title
            "basis": BACKGROUND.read_text(encoding="utf-8").strip(),
            "source_notes": (
                "Ehdotuksen kohta 2 viittaa ”edellä kohdassa 2 johtoryhmän jäseniksi valituista”, vaikka "
                "jäsenet valitaan kohdassa 1; teksti on säilytetty lähteen mukaisena."
            ),
            "presenter": people["soutolahti"],
            "proposal": PROPOSAL,
            "decision": "Ehdotus hyväksyttiin.",
            "outcome": AgendaItem.Outcome.AS_PROPOSED,
            "personal_data": "",
        },
    )
    # Decision point 3 approves the cooperation agreement, which the extract carries after its appeal instructions.
    upsert(
        ctx,
        Annex,
        {"item": item, "number": 1},
        {
            "title": "Yhteistyösopimus: työllistymistä edistävän monialaisen tuen yhteistoimintamallin järjestäminen"
        },
    )
    upsert(
        ctx,
        AppealPart,
        {"item": item, "order": 1},
        {
            "kind": AppealPart.Kind.NO_APPEAL,
            "scope_fi": "muutoin kuin sopimuksen hyväksymisen osalta",
        },
    )
    upsert(
        ctx,
        AppealPart,
        {"item": item, "order": 2},
        {
            "kind": AppealPart.Kind.RECTIFICATION,
            "scope_fi": "sopimuksen hyväksymisen osalta",
        },
    )
    upsert(
        ctx,
        Notification,
        {"item": item, "sent_on": datetime.date(2025, 4, 2)},
        {
            "recipient": "Asianosainen (nimeä ei mainita otteessa)",
            "method": "email",
            "consent": "unknown",  # the source does not state the recipient's consent (#13 item 7)
        },
    )
    upsert(
        ctx,
        Extract,
        {"item": item, "certified_on": datetime.date(2025, 4, 2)},
        {
            "place": "Jämsä",
            "certified_by": people["uosukainen"],
        },
    )
    ctx["board"] = board
    ctx["decision_16_2025"] = item
