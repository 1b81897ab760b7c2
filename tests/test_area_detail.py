import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Organisation
from tests.factories import OrganisationFactory, ParticipationFactory, PersonFactory


def url(area):
    return reverse("area-detail", args=[area.code])


def cooperation_url(area):
    return reverse("cooperation-detail", args=[area.cooperation.code])


@pytest.mark.parametrize("persona", ["as_secretary", "as_editor_a", "as_editor_b", "as_member"])
def test_people_of_the_area_see_it_and_its_cooperations_parties(world, persona, request):
    client = request.getfixturevalue(persona)
    area_page = client.get(url(world.area))
    assert area_page.status_code == 200
    assert world.org_a.name_fi in area_page.text  # its employment authority
    response = client.get(cooperation_url(world.area))
    assert response.status_code == 200
    assert world.org_a.name_fi in response.text
    assert world.org_b.name_fi in response.text


def test_an_outsider_is_refused(world, as_outsider):
    assert as_outsider.get(url(world.area)).status_code == 404


def test_an_editor_is_refused_another_area(world, as_editor_a):
    assert as_editor_a.get(url(world.other_area)).status_code == 404


def test_anonymous_is_sent_to_log_in(area, client):
    assert client.get(url(area)).status_code == 302


def test_an_unknown_area_is_not_found(world, as_secretary):
    assert as_secretary.get(reverse("area-detail", args=["nowhere"])).status_code == 404


def test_it_shows_whether_each_business_id_passes(world, as_member):
    world.org_b.business_id = "1068366-0"
    world.org_b.save()
    text = as_member.get(cooperation_url(world.area)).text
    assert "tarkistusmerkki oikein" in text
    assert "tarkistusmerkki ei täsmää: säilytetty lähteen mukaisena" in text


def test_kela_is_listed_in_every_area(world, as_member):
    OrganisationFactory(kind=Organisation.Kind.KELA, name_fi="Kansaneläkelaitos", business_id="0246246-0")
    assert "Kansaneläkelaitos" in as_member.get(cooperation_url(world.area)).text


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


@pytest.fixture
def filled(world):
    from agreements.models import Agreement
    from decisions.models import Body, Meeting
    from governance.models import SteeringGroup
    from organisations.models import CountyOfMunicipality, Municipality

    SteeringGroup.objects.create(cooperation=world.area.cooperation)
    Agreement.objects.create(cooperation=world.area.cooperation, title="Yhteistyösopimus")
    body = Body.objects.create(area=world.area, code="lautakunta", name_fi="Lautakunta", kind="municipal")
    Meeting.objects.create(body=body)
    municipality = Municipality.objects.create(code="182", name_fi="Jämsä", area=world.area)
    CountyOfMunicipality.objects.create(municipality=municipality, county=world.org_b)
    return world


# Every page of a logged-in user also makes 6 fixed queries: the device that gave the second factor
# (a viewer gives one too, #31 item 8), and the use and disclosure log's entry (savepoint, the chain
# head taken, the insert, the head moved, release). The session's renewal for the idle timeout
# (savepoint, update, release) comes at most once a minute, not between a test's two requests.
LOG_AND_SESSION = 6


def test_the_area_page_makes_these_nine_queries(filled, as_member, django_assert_num_queries):
    as_member.get(url(filled.area))  # warm-up: content types and the like are cached after this
    # 1 session, 2 user, 3 whether the user holds every cooperation or has grants (one query, #32
    # item 6), 4 the area with its cooperation, authority and lead municipality, 5 the participations
    # the grants reach through; the section the decisions app contributes: 6 bodies, 7 their
    # meetings; then 8 municipalities and 9 their counties.
    with django_assert_num_queries(9 + LOG_AND_SESSION):
        assert as_member.get(url(filled.area)).status_code == 200


def test_the_cooperation_page_makes_these_twelve_queries(filled, as_member, django_assert_num_queries):
    as_member.get(cooperation_url(filled.area))
    # 1 session, 2 user, 3 every cooperation? and grants (one query), 4 the cooperation,
    # 5 participations the grants reach through; 6 the archived documents open to the reader (a
    # member acts for no party: no query for that); 7 the county that names the vice-chair; 8 its
    # areas; the sections: 9 steering groups, 10 agreements; 11 the parties and 12 their people.
    with django_assert_num_queries(12 + LOG_AND_SESSION):
        assert as_member.get(cooperation_url(filled.area)).status_code == 200


def test_the_cooperation_page_says_which_county_names_the_vice_chair(world, as_member):
    from organisations.models import Participation

    Participation.objects.filter(organisation=world.org_b).update(names_vice_chair=True)
    page = as_member.get(cooperation_url(world.area)).text
    assert "nimeää varapuheenjohtajan" in page
