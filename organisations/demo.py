"""The first real case: the employment area, municipalities, parties and people named in the
board's decision § 16/2025 of Eteläisen Keski-Suomen työllisyysaluelautakunta and the cooperation
agreement it approves (shared/domain/board-decision-16-2025-with-agreement.txt).

Values are kept exactly as the document writes them. Jämsä's business ID 1068366-0 fails its
check digit; it stays as written and the product flags it. Where the document gives no title,
none is invented. Municipality codes are Statistics Finland's; the document does not give them.
"""

import datetime

from django.contrib.auth import get_user_model

from core.demo import DemoContext, upsert
from organisations import access, services
from organisations.models import (
    Cooperation,
    CountyOfMunicipality,
    EmploymentArea,
    Municipality,
    Organisation,
    Participation,
    Person,
)

SOURCE = "Päätös § 16/2025"

# Demo logins for `make run` (DemoContext.demo_users). The password is published: never in production.
DEMO_PASSWORD = "tym-demo-2025"  # noqa: S105
DEMO_USERS = [
    # username, person key, role, organisation key
    ("sihteeri", "uosukainen", "secretary", "jamsa"),
    ("jamsa", "soutolahti", "editor", "jamsa"),
    ("kela", "martikainen", "editor", "kela"),
    ("jasen", "pakarinen", "viewer", "pirha"),
]
AGREEMENT = "Yhteistyösopimus § 2"

AREA_CODE = "etela-keski-suomi"

# Statistics Finland code, Finnish name, Swedish name (these municipalities are monolingual Finnish
# and their Swedish names are the same). Agreement § 3 lists them.
MUNICIPALITIES = [
    ("172", "Joutsa", "Joutsa"),
    ("182", "Jämsä", "Jämsä"),
    ("249", "Keuruu", "Keuruu"),
    ("435", "Luhanka", "Luhanka"),
    ("495", "Multia", "Multia"),
    ("508", "Mänttä-Vilppula", "Mänttä-Vilppula"),
    ("592", "Petäjävesi", "Petäjävesi"),
    ("850", "Toivakka", "Toivakka"),
]

# key, kind, Finnish name, Swedish name, business ID as written, address as written (agreement § 2)
ORGANISATIONS = [
    (
        "jamsa",
        Organisation.Kind.EMPLOYMENT_AUTHORITY,
        "Jämsän kaupunki",
        "Jämsä stad",
        "1068366-0",
        "Paattilantie 2, 42100 Jämsä",
    ),
    (
        "ks_hva",
        Organisation.Kind.WELLBEING_COUNTY,
        "Keski-Suomen hyvinvointialue",
        "Mellersta Finlands välfärdsområde",
        "3221318-2",
        "Viitaniementie 1 A 2, 40720 Jyväskylä",
    ),
    (
        "pirha",
        Organisation.Kind.WELLBEING_COUNTY,
        "Pirkanmaan hyvinvointialue",
        "Birkalands välfärdsområde",
        "3221308-6",
        "PL 272, 33101 Tampere",
    ),
    (
        "kela",
        Organisation.Kind.KELA,
        "Kansaneläkelaitos",
        "Folkpensionsanstalten",
        "0246246-0",
        "PL 450, 00056 Kela",
    ),
]

# key, first name, last name, title as written ("" where the document gives none), organisation, where
PEOPLE = [
    ("soutolahti", "Satu", "Soutolahti", "työllisyysaluejohtaja", "jamsa", "ehdotus; kohta 1 ja 2; § 13"),
    ("marjeta", "Maria", "Marjeta", "", "jamsa", "kohta 1, varajäsen"),
    ("heininen", "Eeva", "Heininen", "", "jamsa", "kohta 1, jäsen"),
    ("nummelin", "Seija", "Nummelin", "", "jamsa", "kohta 1, varajäsen"),
    ("saastamoinen", "Virpi", "Saastamoinen", "", "jamsa", "kohta 1, jäsen"),
    ("luukko", "Karoliina", "Luukko", "", "jamsa", "kohta 1, varajäsen"),
    ("hjelt", "Vuokko", "Hjelt", "", "jamsa", "kohta 1, jäsen"),
    ("palomaki", "Heli", "Palomäki", "", "jamsa", "kohta 1, varajäsen"),
    ("ikkala", "Erja", "Ikkala", "", "jamsa", "kohta 1, jäsen"),
    ("korpela", "Petra-Sofia", "Korpela", "", "jamsa", "kohta 1, varajäsen"),
    ("uosukainen", "Riitta", "Uosukainen", "hallintopäällikkö", "jamsa", "otteen oikeaksi todistus"),
    ("reijula", "Jori", "Reijula", "kaupunginjohtaja", "jamsa", "sopimus § 13"),
    ("tollet", "Jan", "Tollet", "hyvinvointialuejohtaja", "ks_hva", "nimeämispäätös 3.1.2025"),
    ("kuittu", "Ulla", "Kuittu", "palvelujohtaja", "ks_hva", "nimeämispäätös 3.1.2025; kohta 1 ja 2"),
    ("anne_pihl", "Anne", "Pihl", "palvelujohtaja", "ks_hva", "nimeämispäätös 3.1.2025; kohta 1"),
    ("anu_pihl", "Anu", "Pihl", "strategiajohtaja", "ks_hva", "nimeämispäätös 3.1.2025; kohta 1"),
    ("kuosmanen", "Taru", "Kuosmanen", "sosiaali- ja terveysjohtaja", "pirha", "nimeämispäätös 16.12.2024"),
    ("pakarinen", "Tuuli", "Pakarinen", "palvelupäällikkö", "pirha", "nimeämispäätös 16.12.2024; kohta 1"),
    (
        "lahteenmaki",
        "Elina",
        "Lähteenmäki",
        "palvelupäällikkö",
        "pirha",
        "nimeämispäätös 16.12.2024; kohta 1",
    ),
    ("kontio", "Mika", "Kontio", "konsernipalvelujohtaja", "pirha", "sopimus § 13"),
    # The decision calls him "terveysperusteisten etuuksien palveluyksikön johtaja", the agreement's
    # signature page "palveluyksikön johtaja": the fuller title is kept.
    (
        "hallikainen",
        "Tommi",
        "Hallikainen",
        "terveysperusteisten etuuksien palveluyksikön johtaja",
        "kela",
        "nimeämispäätös 13.12.2024; sopimus § 13",
    ),
    ("martikainen", "Annukka", "Martikainen", "tiimipäällikkö", "kela", "nimeämispäätös 13.12.2024; kohta 1"),
    ("tapanila", "Minna", "Tapanila", "", "kela", "nimeämispäätös 13.12.2024; kohta 1"),
    ("heila", "Heikki", "Heilä", "ratkaisukeskuksen päällikkö", "kela", "sopimus § 13"),
]


# The cooperation as the source names it (decision, kohta 1: "Eteläisen Keski-Suomen työllisyysalueen
# monialaisen tuen yhteistoimintamallin johtoryhmä").
COOPERATION_NAME = "Eteläisen Keski-Suomen työllisyysalueen monialaisen tuen yhteistoimintamalli"

# Which county serves each municipality (Act 611/2021 and the counties' founding acts; not in the
# source): Mänttä-Vilppula belongs to Pirkanmaa's county, the seven others to Keski-Suomi's, since the
# counties began on 1.1.2023.
COUNTIES_FROM = "2023-01-01"
PIRKANMAA_MUNICIPALITIES = {"Mänttä-Vilppula"}


def load(ctx: DemoContext) -> None:
    cooperation = upsert(ctx, Cooperation, {"code": AREA_CODE}, {"name_fi": COOPERATION_NAME, "name_sv": ""})
    area = upsert(
        ctx,
        EmploymentArea,
        {"code": AREA_CODE},
        {
            "name_fi": "Eteläisen Keski-Suomen työllisyysalue",
            # The document gives no Swedish name and none is invented.
            "name_sv": "",
        },
    )
    municipalities = {}
    for code, name_fi, name_sv in MUNICIPALITIES:
        municipalities[name_fi] = upsert(
            ctx, Municipality, {"code": code}, {"name_fi": name_fi, "name_sv": name_sv, "area": area}
        )
    area = upsert(ctx, EmploymentArea, {"code": AREA_CODE}, {"lead_municipality": municipalities["Jämsä"]})

    organisations = {}
    for key, kind, name_fi, name_sv, business_id, address in ORGANISATIONS:
        organisations[key] = upsert(
            ctx,
            Organisation,
            {"name_fi": name_fi},
            {
                "kind": kind,
                "name_sv": name_sv,
                "business_id": business_id,
                "address": address,
                "source": f"{SOURCE}, {AGREEMENT}",
            },
        )
        if kind != Organisation.Kind.KELA:  # Kela takes part in every cooperation without a row
            upsert(
                ctx,
                Participation,
                {"cooperation": cooperation, "organisation": organisations[key]},
                # Keski-Suomi's county named the vice-chair (Jan Tollet's decision of 3.1.2025, kohta 2).
                {"names_vice_chair": key == "ks_hva"},
            )
    area = upsert(
        ctx,
        EmploymentArea,
        {"code": AREA_CODE},
        {"cooperation": cooperation, "employment_authority": organisations["jamsa"]},
    )
    for name, municipality in municipalities.items():
        county = organisations["pirha" if name in PIRKANMAA_MUNICIPALITIES else "ks_hva"]
        upsert(
            ctx,
            CountyOfMunicipality,
            {"municipality": municipality, "county": county},
            {"valid_from": datetime.date.fromisoformat(COUNTIES_FROM)},
        )

    people = {}
    for key, first, last, title, org_key, where in PEOPLE:
        people[key] = upsert(
            ctx,
            Person,
            {"organisation": organisations[org_key], "first_name": first, "last_name": last},
            {"title": title, "source": f"{SOURCE}: {where}"},
        )

    ctx["area"] = area
    ctx["cooperation"] = cooperation
    ctx["municipalities"] = municipalities
    ctx["organisations"] = organisations
    ctx["people"] = people


def recall(ctx: DemoContext) -> None:
    """Find again what the case file brought in, for the steps and logins that follow."""
    cooperation = Cooperation.objects.get(code=AREA_CODE)
    ctx["cooperation"] = cooperation
    ctx["area"] = EmploymentArea.objects.get(code=AREA_CODE)
    ctx["municipalities"] = {m.name_fi: m for m in Municipality.objects.filter(area=ctx["area"])}
    by_name = {o.name_fi: o for o in Organisation.objects.filter(name_fi__in=[o[2] for o in ORGANISATIONS])}
    ctx["organisations"] = {key: by_name[name] for key, _kind, name, *_rest in ORGANISATIONS}
    ctx["people"] = {
        key: Person.objects.get(organisation=ctx["organisations"][org_key], first_name=first, last_name=last)
        for key, first, last, _title, org_key, _where in PEOPLE
    }


def after(ctx: DemoContext) -> None:
    if ctx.demo_users:
        _demo_users(ctx)


def _demo_users(ctx: DemoContext) -> None:
    User = get_user_model()
    ctx.log.append(f"Demo logins (password {DEMO_PASSWORD}):")
    for username, person_key, role, org_key in DEMO_USERS:
        person = ctx["people"][person_key]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=person.first_name,
                last_name=person.last_name,
            )
        if not user.email:  # so `make run` shows the mail the portal sends (var/mail/, #29 item 6)
            user.email = f"{username}@example.fi"
            user.save(update_fields=["email"])
        upsert(ctx, Person, {"pk": person.pk}, {"user": user})
        if role == "secretary":
            access.make_secretary(user)
        elif role == "editor":
            services.make_editor(user, ctx["organisations"][org_key], ctx["cooperation"])
        else:
            services.grant_area_view(user, ctx["area"])
        ctx.log.append(f"  {username:10} {role:10} {person.full_name}, {person.organisation}, {user.email}")
