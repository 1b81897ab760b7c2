from django.urls import reverse

from governance.models import LeadershipAppointment, Membership


def test_the_admin_refuses_a_second_chair_in_finnish_and_saves_nothing(group_world, world, as_secretary):
    before = Membership.objects.count()
    response = as_secretary.post(
        reverse("admin:governance_membership_add"),
        {
            "group": group_world.group.pk,
            "organisation": world.org_a.pk,
            "person": group_world.people["a3"].pk,
            "capacity": "member",
            "role": "chair",
        },
    )
    assert response.status_code == 200
    assert "Johtoryhmällä on jo puheenjohtaja." in response.text
    assert Membership.objects.count() == before


def test_the_admin_refuses_a_deputy_from_another_organisation(group_world, world, as_secretary):
    response = as_secretary.post(
        reverse("admin:governance_membership_add"),
        {
            "group": group_world.group.pk,
            "organisation": world.org_b.pk,
            "person": group_world.people["b3"].pk,
            "capacity": "deputy",
            "deputy_of": group_world.kela_member.pk,
        },
    )
    assert response.status_code == 200
    assert "Henkilökohtaisen varajäsenen on oltava jäsenen omasta organisaatiosta" in response.text


def test_the_admin_refuses_a_leading_person_named_before_approval(group_world, world, as_secretary):
    LeadershipAppointment.objects.all().delete()
    response = as_secretary.post(
        reverse("admin:governance_leadershipappointment_add"),
        {
            "group": group_world.group.pk,
            "capacity": "leading",
            "person": group_world.people["a3"].pk,
            "approved_on": "2025-05-01",
            "named_on": "2025-04-01",
            "term_start": "2025-06-01",
            "term_end": "2030-03-31",
            "administrative_employer": world.org_a.pk,
        },
    )
    assert response.status_code == 200
    assert "Johtoryhmän on hyväksyttävä henkilö ennen kuin lautakunta nimeää hänet." in response.text
    assert not LeadershipAppointment.objects.exists()


def test_the_admin_refuses_an_end_before_the_start(group_world, world, as_secretary):
    response = as_secretary.post(
        reverse("admin:governance_steeringgroup_change", args=[group_world.group.pk]),
        {
            "area": world.area.pk,
            "name": "X",
            "term_start": "2025-04-01",
            "term_end": "2025-03-01",
            "nominations-TOTAL_FORMS": "0",
            "nominations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    group_world.group.refresh_from_db()
    assert group_world.group.term_end.isoformat() == "2030-03-31"


def test_the_group_admin_shows_the_findings(group_world, as_secretary):
    Membership.objects.filter(pk=group_world.chair.pk).update(role_named_in=None)
    response = as_secretary.get(reverse("admin:governance_steeringgroup_change", args=[group_world.group.pk]))
    assert "SG-CHAIR" not in response.text  # the rule code is for machines; the page shows the sentence
    assert "puheenjohtajaksi, ei ole kirjattu" in response.text


def test_every_governance_admin_page_opens(group_world, as_secretary):
    for name in ["steeringgroup", "nomination", "membership", "leadershipappointment", "statutoryparameters"]:
        assert as_secretary.get(reverse(f"admin:governance_{name}_changelist")).status_code == 200
        assert as_secretary.get(reverse(f"admin:governance_{name}_add")).status_code == 200
