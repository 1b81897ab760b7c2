"""Every admin list at a constant number of queries (#15): the same for one generated cooperation
beside the first real case as for three. A list filter or a column that names its rows through a
relation (SteeringGroup.__str__ reads the cooperation) would otherwise ask once per row. (Against the
bare demo the counts may differ by a prefetch: a relation with no rows at all is not asked for.)"""

from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devdata.national import Generator
from organisations import access
from tests.conftest import client_for
from tests.factories import UserFactory

DOMAIN_LISTS = sorted(
    f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    for model in admin.site._registry
    if model._meta.app_label in settings.DOMAIN_APPS
)


def _queries(client) -> dict[str, int]:
    counts = {}
    for name in DOMAIN_LISTS:
        client.get(reverse(name))  # warm: content types, the log's first entry
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        counts[name] = len(captured)
    return counts


def test_every_admin_list_makes_as_many_queries_for_the_country_as_for_one_cooperation(db):
    call_command("load_demo", verbosity=0)
    secretary = UserFactory(username="admin-scale")
    access.make_secretary(secretary)
    client = client_for(secretary)
    Generator(cooperations=1, years=2, seed=3, progress=lambda *a: None).run()
    one = _queries(client)
    Generator(cooperations=2, years=2, seed=4, progress=lambda *a: None).run()
    assert _queries(client) == one
