"""A reminder takes its reader straight to what to do (#29 item 6): every link that the declarations of
the first case give opens for the board's secretary, and a link to a part of a page (the signature
form, an invoice's status) finds that part there."""

import datetime
from urllib.parse import urlsplit

import pytest

from core import reminders
from organisations.models import Cooperation
from tests.conftest import client_for, verified_device
from tests.factories import UserFactory
from tests.tenancy_walk import add_records_the_case_lacks

pytestmark = pytest.mark.usefixtures("demo")


def test_every_reminders_link_opens_and_its_part_of_the_page_is_there():
    from django_otp import DEVICE_ID_SESSION_KEY

    from organisations import access

    cooperation = Cooperation.objects.get(code="etela-keski-suomi")
    add_records_the_case_lacks(cooperation)
    secretary = UserFactory(username="links-secretary")
    access.make_secretary(secretary)
    client = client_for(secretary)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(secretary).persistent_id
    session.save()
    dues = list(reminders.collect(datetime.date(2026, 12, 3), Cooperation.objects.all()))
    assert {due.kind for due in dues} >= {"signatures_pending"}
    for due in dues:
        parts = urlsplit(due.link)
        response = client.get(parts.path)
        assert response.status_code == 200, (due.kind, due.link)
        if parts.fragment:
            assert f'id="{parts.fragment}"' in response.content.decode(), (due.kind, due.link)
    signatures = [due for due in dues if due.kind == "signatures_pending"]
    assert all(due.link.endswith("#sign") for due in signatures)
