import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Organisation
from tests.factories import OrganisationFactory, ParticipationFactory, PersonFactory


def url(area):
    return reverse("area-detail", args=[area.code])


@pytest.mark.parametrize("persona", ["as_secretary", "as_editor_a", "as_editor_b", "as_member"])
def test_people_of_the_area_see_it(world, persona, request):
    response = request.getfixturevalue(persona).get(url(world.area))
    assert response.status_code == 200
    assert world.org_a.name_fi in response.text
    assert world.org_b.name_fi in response.text


def test_an_outsider_is_refused(world, as_outsider):
    assert as_outsider.get(url(world.area)).status_code == 403


def test_an_editor_is_refused_another_area(world, as_editor_a):
    assert as_editor_a.get(url(world.other_area)).status_code == 403


def test_anonymous_is_sent_to_log_in(area, client):
    assert client.get(url(area)).status_code == 302


def test_an_unknown_area_is_not_found(world, as_secretary):
    assert as_secretary.get(reverse("area-detail", args=["nowhere"])).status_code == 404


def test_it_shows_whether_each_business_id_passes(world, as_member):
    world.org_b.business_id = "1068366-0"
    world.org_b.save()
    text = as_member.get(url(world.area)).text
    assert "tarkistusmerkki oikein" in text
    assert "tarkistusmerkki ei täsmää: säilytetty lähteen mukaisena" in text


def test_kela_is_listed_in_every_area(world, as_member):
    OrganisationFactory(kind=Organisation.Kind.KELA, name_fi="Kansaneläkelaitos", business_id="0246246-0")
    assert "Kansaneläkelaitos" in as_member.get(url(world.area)).text


def _queries(client, area) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url(area)).status_code == 200
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_data(world, as_member):
    before = _queries(as_member, world.area)
    for _ in range(5):
        organisation = ParticipationFactory(area=world.area).organisation
        PersonFactory.create_batch(3, organisation=organisation)
    assert _queries(as_member, world.area) == before


def test_the_area_page_makes_these_fifteen_queries(world, as_member, django_assert_num_queries):
    from agreements.models import Agreement
    from decisions.models import Body, Meeting
    from governance.models import SteeringGroup

    SteeringGroup.objects.create(area=world.area)
    Agreement.objects.create(area=world.area, title="Yhteistyösopimus")
    body = Body.objects.create(area=world.area, code="lautakunta", name_fi="Lautakunta", kind="municipal")
    Meeting.objects.create(body=body)
    as_member.get(url(world.area))  # warm-up: content types and the like are cached after this
    # 1 session, 2 user, 3 the area with its lead municipality, 4-7 the user's permissions (own, via
    # groups, per object, per object via groups), 8 the organisations the user acts for, the sections
    # the apps contribute: 9 steering groups, 10 agreements, 11 bodies and 12 their meetings; then
    # 13 municipalities, 14 parties and 15 their people.
    with django_assert_num_queries(15):
        assert as_member.get(url(world.area)).status_code == 200
