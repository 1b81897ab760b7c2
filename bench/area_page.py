"""How the area page scales: queries and time with 10 and with 100 parties (10 people each).

Reports ratios (100 / 10), which are comparable across runs and machines; absolute times are not.
Run: .venv/bin/python bench/area_page.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tym.settings_test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from organisations import access  # noqa: E402
from organisations.models import AreaParticipation, EmploymentArea, Organisation, Person  # noqa: E402
from tests.factories import UserFactory  # noqa: E402


def build(code: str, parties: int) -> EmploymentArea:
    area = EmploymentArea.objects.create(code=code, name_fi=code)
    for n in range(parties):
        organisation = Organisation.objects.create(kind="other", name_fi=f"{code}-{n}")
        AreaParticipation.objects.create(area=area, organisation=organisation)
        Person.objects.bulk_create(
            Person(organisation=organisation, first_name=f"P{i}", last_name=f"{code}{n}") for i in range(10)
        )
    return area


def measure(client: Client, area: EmploymentArea, rounds: int = 20) -> tuple[int, float]:
    client.get(f"/areas/{area.code}/")  # warm-up: content types and other per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/areas/{area.code}/")
    assert response.status_code == 200, response.status_code
    queries = len(ctx.captured_queries)  # read now: later requests reset the connection's query log
    started = time.perf_counter()
    for _ in range(rounds):
        client.get(f"/areas/{area.code}/")
    return queries, (time.perf_counter() - started) / rounds


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    user = UserFactory(username="bench")
    access.make_secretary(user)
    client = Client()
    client.force_login(user)
    small, large = build("small", 10), build("large", 100)
    q_small, t_small = measure(client, small)
    q_large, t_large = measure(client, large)
    print(f"area page queries: {q_small} → {q_large} (ratio {q_large / q_small:.2f}, 1.00 is constant)")
    print(f"area page time:    ratio {t_large / t_small:.2f} for 10× the parties and people")


if __name__ == "__main__":
    main()
