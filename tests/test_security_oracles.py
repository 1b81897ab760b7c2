"""#31 item 8: an object of another cooperation answers exactly as a missing one (404, no existence
oracle), the refusal is logged, and an invalid organisation edit is a 400."""

import datetime

import pytest

from auditlog.models import AuditEvent


@pytest.fixture
def other_group(world):
    from governance.models import SteeringGroup

    return SteeringGroup.objects.create(
        cooperation=world.other_area.cooperation,
        set_up_by="Lautakunta",
        set_up_on=datetime.date(2025, 3, 20),
        set_up_reference="§ 1/2025",
        term_start=datetime.date(2025, 4, 1),
        term_end=datetime.date(2030, 3, 31),
    )


def urls(world, group):
    return [
        ("get", f"/organisations/{world.other_org.pk}/"),
        ("get", f"/organisations/{world.other_org.pk}/edit/"),
        ("post", f"/organisations/{world.other_org.pk}/edit/"),
        ("get", f"/groups/{group.pk}/"),
        ("get", f"/groups/{group.pk}/nominations/new/"),
        ("post", f"/groups/{group.pk}/nominations/new/"),
        ("get", f"/groups/{group.pk}/leadership/new/"),
        ("get", f"/groups/{group.pk}/development-days/new/"),
        ("post", f"/groups/{group.pk}/year/2026/import/"),
        ("get", f"/cooperations/{world.other_area.cooperation.code}/"),
    ]


@pytest.mark.parametrize("who", ["editor_a", "member"])
def test_another_cooperations_objects_answer_as_missing_ones(world, other_group, who):
    from tests.conftest import client_for

    client = client_for(getattr(world, who))
    for method, url in urls(world, other_group):
        response = getattr(client, method)(
            url, {"organisation": world.other_org.pk} if method == "post" else None
        )
        missing = getattr(client, method)(
            url.replace(str(other_group.pk), "999999").replace(str(world.other_org.pk), "999999")
        )
        assert response.status_code in (404, 405), (method, url, response.status_code)
        if "/cooperations/" not in url:
            assert response.status_code == missing.status_code, (method, url)
    refused = AuditEvent.objects.filter(username=who, action="refused", result="404")
    assert refused.count() >= len(urls(world, other_group))


def test_an_invalid_organisation_edit_is_a_400(world, as_editor_a):
    response = as_editor_a.post(f"/organisations/{world.org_a.pk}/edit/", {"name_fi": "", "business_id": "x"})
    assert response.status_code == 400
