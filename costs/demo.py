"""The agreement's cost rules (§ 9) as written, and one development day marked as example data:
the source names no development day, so its date, costs and registrations are invented for the demo."""

import datetime
from decimal import Decimal

from core.demo import DemoContext, upsert
from costs.models import CostItem, CostPrinciple, DevelopmentDay, Registration

PRINCIPLES = [
    "Jämsän kaupunki vastaa monialaisen yhteistoimintamallin organisointia johtavan henkilön kustannuksista.",
    "Työvoimaviranomainen, hyvinvointialueet ja Kela vastaavat yhteistoimintamalliin osallistuvan henkilöstönsä palkkaus- ja henkilöstökustannuksista.",
    "Kaikki mukana olevat osapuolet vastaavat yhdessä yhteisten kehittämispäivien kustannuksista, ja ne jaetaan sopimusosapuolten kesken kehittämispäiville ilmoittautuneiden henkilöiden määrän mukaisessa suhteessa.",
    "Mahdollisesta muusta monialaisen yhteistoimintaverkoston kehittämisestä, palvelujen hankinnasta ja näiden aiheuttamista kustannuksista sovitaan erikseen. Jokainen järjestäjäorganisaatio huolehtii palveluidensa ja muiden tässä sopimuksessa sovittujen toimintojensa kustannuksista itse.",
    "Kehittämispäivien kustannukset laskutetaan erikseen ilmoittautuneiden henkilöiden määrän mukaisessa suhteessa.",
]


def load(ctx: DemoContext) -> None:
    orgs, people = ctx["organisations"], ctx["people"]
    for order, text in enumerate(PRINCIPLES, start=1):
        upsert(
            ctx,
            CostPrinciple,
            {"cooperation": ctx["cooperation"], "order": order},
            {"text_fi": text, "source": "Yhteistyösopimus § 9"},
        )
    day = upsert(
        ctx,
        DevelopmentDay,
        {"group": ctx["steering_group"], "title": "Esimerkki: TYM-kehittämispäivä"},
        {
            "date": datetime.date(2025, 10, 15),
            "place": "Jämsä",
            "is_example": True,
        },
    )
    upsert(
        ctx,
        CostItem,
        {"day": day, "description": "Tilavuokra"},
        {"amount": Decimal("450.00"), "paid_by": orgs["jamsa"]},
    )
    upsert(
        ctx,
        CostItem,
        {"day": day, "description": "Tarjoilut"},
        {"amount": Decimal("612.50"), "paid_by": orgs["jamsa"]},
    )
    for key in ["soutolahti", "heininen", "saastamoinen"]:
        upsert(
            ctx,
            Registration,
            {"day": day, "person": people[key]},
            {"organisation": orgs["jamsa"], "count": 1},
        )
    upsert(ctx, Registration, {"day": day, "organisation": orgs["ks_hva"], "person": None}, {"count": 4})
    upsert(ctx, Registration, {"day": day, "organisation": orgs["pirha"], "person": None}, {"count": 2})
    upsert(ctx, Registration, {"day": day, "organisation": orgs["kela"], "person": None}, {"count": 2})
    ctx["development_day"] = day
