"""Objectives and staffing figures for 2025, all marked as example data: the source document gives
none. The national objectives are placeholders marked as examples, not the text of Act 380/2023 § 21."""

import datetime
from decimal import Decimal

from core.demo import DemoContext, upsert
from staffing.models import (
    ClientLine,
    Indicator,
    Measurement,
    NationalObjective,
    Objective,
    StaffingReview,
    StaffLine,
)


def load(ctx: DemoContext) -> None:
    group, orgs, munis = ctx["steering_group"], ctx["organisations"], ctx["municipalities"]
    national = upsert(
        ctx,
        NationalObjective,
        {"code": "ESIM-1"},
        {
            "title_fi": "Esimerkki: työllisyysasteen nostaminen",
            "source": "esimerkki (ei lakitekstiä)",
            "is_example": True,
        },
    )
    objective = upsert(
        ctx,
        Objective,
        {
            "group": group,
            "year": 2025,
            "title": "Esimerkki: monialaisen palvelun tarpeen arviointi kaikille ohjatuille",
        },
        {"status": Objective.Status.ON_TRACK, "is_example": True},
    )
    objective.national_objectives.add(national)
    objective.responsible.add(orgs["jamsa"], orgs["ks_hva"], orgs["pirha"], orgs["kela"])
    indicator = upsert(
        ctx,
        Indicator,
        {"objective": objective, "name": "Arvioinnin saaneiden osuus"},
        {"unit": "%", "baseline": Decimal("60.00"), "target": Decimal("85.00")},
    )
    upsert(
        ctx,
        Measurement,
        {"indicator": indicator, "measured_on": datetime.date(2025, 6, 30)},
        {"value": Decimal("71.00")},
    )
    previous = upsert(ctx, StaffingReview, {"group": group, "year": 2024}, {"is_example": True})
    review = upsert(ctx, StaffingReview, {"group": group, "year": 2025}, {"is_example": True})
    staff = [
        (previous, "jamsa", "työhönvalmentaja", "Jämsä", 3, "2.50"),
        (previous, "ks_hva", "sosiaaliohjaaja", "Jämsä", 2, "1.50"),
        (review, "jamsa", "työhönvalmentaja", "Jämsä", 3, "3.00"),
        (review, "jamsa", "työhönvalmentaja", "Keuruu", 1, "1.00"),
        (review, "ks_hva", "sosiaaliohjaaja", "Jämsä", 2, "1.50"),
        (review, "pirha", "sosiaaliohjaaja", "Mänttä-Vilppula", 1, "0.80"),
        (review, "kela", "kuntoutusasiantuntija", "Jämsä", 1, "0.00"),
    ]
    for r, org, title, muni, count, fte in staff:
        upsert(
            ctx,
            StaffLine,
            {"review": r, "organisation": orgs[org], "job_title": title, "municipality": munis[muni]},
            {"headcount": count, "fte": Decimal(fte)},
        )
    clients = [
        (previous, "jamsa", "Jämsä", 150),
        (review, "jamsa", "Jämsä", 160),
        (review, "jamsa", "Keuruu", 45),
        (review, "pirha", "Mänttä-Vilppula", 30),
        (review, "kela", "Jämsä", 20),
    ]
    for r, org, muni, count in clients:
        upsert(
            ctx,
            ClientLine,
            {"review": r, "organisation": orgs[org], "municipality": munis[muni]},
            {"clients": count},
        )
