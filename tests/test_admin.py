import pytest
from django.urls import reverse

from organisations.models import Organisation
from tests.conftest import client_for


def test_the_secretary_sees_each_business_id_check_in_the_list(world, as_secretary):
    Organisation.objects.filter(pk=world.org_b.pk).update(business_id="1068366-0")
    response = as_secretary.get(reverse("admin:organisations_organisation_changelist"))
    assert response.status_code == 200
    text = response.text
    assert "icon-yes.svg" in text
    assert "icon-no.svg" in text


def test_the_admin_refuses_a_wrong_check_digit_and_saves_nothing(world, as_secretary):
    before = Organisation.objects.count()
    response = as_secretary.post(
        reverse("admin:organisations_organisation_add"),
        {
            "kind": "wellbeing_county",
            "name_fi": "Uusi hyvinvointialue",
            "business_id": "1234567-2",
            "participations-TOTAL_FORMS": "0",
            "participations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Y-tunnuksen 1234567-2 tarkistusmerkki on väärä." in response.text
    assert Organisation.objects.count() == before


def test_the_admin_saves_a_valid_organisation_and_keeps_its_history(world, as_secretary):
    response = as_secretary.post(
        reverse("admin:organisations_organisation_add"),
        {
            "kind": "wellbeing_county",
            "name_fi": "Uusi hyvinvointialue",
            "business_id": "3221308-6",
            "participations-TOTAL_FORMS": "0",
            "participations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name_fi="Uusi hyvinvointialue")
    assert organisation.history.first().history_user == world.secretary
    history = as_secretary.get(reverse("admin:organisations_organisation_history", args=[organisation.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize("persona", ["editor_a", "member", "outsider"])
def test_only_the_secretary_uses_the_admin(world, persona):
    response = client_for(getattr(world, persona)).get(reverse("admin:index"))
    assert response.status_code == 302  # to the admin login


def test_the_admin_page_of_every_model_opens(world, as_secretary):
    for name in ["employmentarea", "municipality", "organisation", "person"]:
        assert as_secretary.get(reverse(f"admin:organisations_{name}_changelist")).status_code == 200
        assert as_secretary.get(reverse(f"admin:organisations_{name}_add")).status_code == 200
