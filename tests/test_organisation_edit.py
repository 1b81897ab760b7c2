import pytest
from django.urls import reverse

from organisations.models import Organisation


def edit_url(organisation):
    return reverse("organisation-edit", args=[organisation.pk])


def form_data(organisation, **changes):
    data = {
        "name_fi": organisation.name_fi,
        "name_sv": organisation.name_sv,
        "business_id": organisation.business_id,
        "address": organisation.address,
    }
    data.update(changes)
    return data


def test_an_editor_changes_their_own_organisation_and_the_history_names_them(world, as_editor_a):
    response = as_editor_a.post(
        edit_url(world.org_a), form_data(world.org_a, address="Torikatu 1, 42100 Jämsä")
    )
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.address == "Torikatu 1, 42100 Jämsä"
    latest = world.org_a.history.first()
    assert latest.history_user == world.editor_a
    assert latest.history_change_reason


def test_an_editor_cannot_change_another_organisation(world, as_editor_a):
    before = world.org_b.history.count()
    response = as_editor_a.post(edit_url(world.org_b), form_data(world.org_b, address="Väärä osoite"))
    assert response.status_code == 404
    world.org_b.refresh_from_db()
    assert world.org_b.address == ""
    assert world.org_b.history.count() == before


def test_an_editor_may_view_but_not_open_the_form_of_a_fellow_party(world, as_editor_a):
    assert as_editor_a.get(reverse("organisation-detail", args=[world.org_b.pk])).status_code == 200
    assert as_editor_a.get(edit_url(world.org_b)).status_code == 404


@pytest.mark.parametrize("persona", ["as_member", "as_outsider"])
def test_people_who_act_for_no_organisation_cannot_change_one(world, persona, request):
    response = request.getfixturevalue(persona).post(
        edit_url(world.org_a), form_data(world.org_a, address="x")
    )
    assert response.status_code == 404


def test_an_outsider_cannot_even_see_an_organisation(world, as_outsider):
    assert as_outsider.get(reverse("organisation-detail", args=[world.org_a.pk])).status_code == 404


def test_anonymous_is_sent_to_log_in(world, client):
    assert client.post(edit_url(world.org_a), form_data(world.org_a)).status_code == 302


def test_the_secretary_changes_any_organisation(world, as_secretary):
    response = as_secretary.post(edit_url(world.org_b), form_data(world.org_b, name_sv="Välfärdsområde B"))
    assert response.status_code == 302
    world.org_b.refresh_from_db()
    assert world.org_b.name_sv == "Välfärdsområde B"


def test_a_wrong_check_digit_is_refused_in_finnish_and_nothing_is_saved(world, as_editor_a):
    before = world.org_a.history.count()
    response = as_editor_a.post(
        edit_url(world.org_a), form_data(world.org_a, business_id="1234567-2", address="Uusi osoite")
    )
    assert response.status_code == 400  # a refused form comes back as every portal form does
    assert "Y-tunnuksen 1234567-2 tarkistusmerkki on väärä." in response.text
    world.org_a.refresh_from_db()
    assert world.org_a.business_id == "0100001-0"
    assert world.org_a.address == ""
    assert world.org_a.history.count() == before


def test_the_refusal_is_translated_into_swedish(world, as_editor_a):
    as_editor_a.cookies["django_language"] = "sv"
    response = as_editor_a.post(edit_url(world.org_a), form_data(world.org_a, business_id="1234567-2"))
    assert "Kontrollsiffran i FO-numret 1234567-2 är fel." in response.text


def test_a_malformed_business_id_is_refused(world, as_editor_a):
    response = as_editor_a.post(edit_url(world.org_a), form_data(world.org_a, business_id="12-34"))
    assert response.status_code == 400
    world.org_a.refresh_from_db()
    assert world.org_a.business_id == "0100001-0"


def test_a_typed_business_id_is_stored_in_the_canonical_form(world, as_editor_a):
    as_editor_a.post(edit_url(world.org_a), form_data(world.org_a, business_id="3221308 6"))
    world.org_a.refresh_from_db()
    assert world.org_a.business_id == "3221308-6"


def test_an_imported_failing_id_does_not_block_other_changes(world, as_editor_a):
    Organisation.objects.filter(pk=world.org_a.pk).update(business_id="1068366-0")
    world.org_a.refresh_from_db()
    response = as_editor_a.post(edit_url(world.org_a), form_data(world.org_a, address="Paattilantie 2"))
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.business_id == "1068366-0"
    assert world.org_a.address == "Paattilantie 2"
