"""The steering group exactly as decision § 16/2025 gives it.

Kept as written, gaps included, so the compliance check shows them:
- the decision gives no meeting date and no term, so neither is recorded;
- Keski-Suomen hyvinvointialue named three members (Kuittu, Anne Pihl, Anu Pihl) and no personal
  deputies: the decision's table lists all three in the member column;
- no leading person or deputy has been named ("tuodaan lautakunnan käsiteltäväksi sitten, kun ...").
The employment authority's members are chosen in the board's decision itself (kohta 1), the chair
in kohta 2; Jan Tollet named Ulla Kuittu vice-chair on 3.1.2025, and the board's kohta 2 repeats it.
"""

from core.demo import DemoContext, upsert
from governance.models import Membership, Nomination, SteeringGroup

BOARD = "Eteläisen Keski-Suomen työllisyysaluelautakunta"
SECTION = "§ 16/2025"

# organisation key, member key, deputy key or None, role
SEATS = [
    ("jamsa", "soutolahti", "marjeta", Membership.Role.CHAIR),
    ("jamsa", "heininen", "nummelin", Membership.Role.MEMBER),
    ("jamsa", "saastamoinen", "luukko", Membership.Role.MEMBER),
    ("jamsa", "hjelt", "palomaki", Membership.Role.MEMBER),
    ("jamsa", "ikkala", "korpela", Membership.Role.MEMBER),
    ("ks_hva", "kuittu", None, Membership.Role.VICE_CHAIR),
    ("ks_hva", "anne_pihl", None, Membership.Role.MEMBER),
    ("ks_hva", "anu_pihl", None, Membership.Role.MEMBER),
    ("pirha", "pakarinen", "lahteenmaki", Membership.Role.MEMBER),
    ("kela", "martikainen", "tapanila", Membership.Role.MEMBER),
]


def load(ctx: DemoContext) -> None:
    import datetime

    orgs, people = ctx["organisations"], ctx["people"]
    group = upsert(
        ctx,
        SteeringGroup,
        {"cooperation": ctx["cooperation"], "set_up_reference": SECTION},
        {
            "name": "TYM-johtoryhmä",
            "set_up_by": BOARD,
            "set_up_decision": ctx["decision_16_2025"],
        },
    )
    nominations = {
        "jamsa": upsert(
            ctx,
            Nomination,
            {"group": group, "organisation": orgs["jamsa"]},
            {
                "decided_by": None,
                "decided_by_body": BOARD,
                "decided_on": None,
                "reference": f"{SECTION}, kohdat 1 ja 2",
            },
        ),
        "ks_hva": upsert(
            ctx,
            Nomination,
            {"group": group, "organisation": orgs["ks_hva"]},
            {
                "decided_by": people["tollet"],
                "decided_on": datetime.date(2025, 1, 3),
                "reference": "Hyvinvointialuejohtajan päätös 3.1.2025",
            },
        ),
        "pirha": upsert(
            ctx,
            Nomination,
            {"group": group, "organisation": orgs["pirha"]},
            {
                "decided_by": people["kuosmanen"],
                "decided_on": datetime.date(2024, 12, 16),
                "reference": "Sosiaali- ja terveysjohtajan päätös 16.12.2024",
            },
        ),
        "kela": upsert(
            ctx,
            Nomination,
            {"group": group, "organisation": orgs["kela"]},
            {
                "decided_by": people["hallikainen"],
                "decided_on": datetime.date(2024, 12, 13),
                "reference": "Palveluyksikön johtajan päätös 13.12.2024",
            },
        ),
    }
    for org_key, member_key, deputy_key, role in SEATS:
        nomination = nominations[org_key]
        member = upsert(
            ctx,
            Membership,
            {"group": group, "person": people[member_key], "capacity": "member"},
            {
                "organisation": orgs[org_key],
                "role": role,
                "nomination": nomination,
                "role_named_in": nomination
                if role in (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR)
                else None,
            },
        )
        if deputy_key:
            upsert(
                ctx,
                Membership,
                {"group": group, "person": people[deputy_key], "capacity": "deputy"},
                {
                    "organisation": orgs[org_key],
                    "deputy_of": member,
                    "nomination": nomination,
                },
            )
    ctx["steering_group"] = group
    ctx["nominations"] = nominations


def recall(ctx: DemoContext) -> None:
    ctx["steering_group"] = SteeringGroup.objects.get(
        cooperation=ctx["cooperation"], set_up_reference=SECTION
    )
