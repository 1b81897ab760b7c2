"""The administrative court's fee as dated data: the one amount this product has read from a source.
Later years are added by the administrator (admin: administrative court fees) as they are set."""

import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    CourtFee = apps.get_model("decisions", "CourtFee")
    CourtFee.objects.get_or_create(
        valid_from=datetime.date(2025, 1, 1),
        defaults={
            "valid_until": datetime.date(2025, 12, 31),
            "amount": Decimal("310.00"),
            "source": (
                "Turun hallinto-oikeus, Tietoa valittamisesta (tuomioistuimet.fi): hallinto-oikeuden "
                "oikeudenkäyntimaksu vuonna 2025 on 310 euroa; tuomioistuinmaksulaki 1455/2015 § 2."
            ),
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("decisions", "CourtFee").objects.filter(valid_from=datetime.date(2025, 1, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("decisions", "0007_two_court_routes_claims_to_the_end")]
    operations = [migrations.RunPython(seed, unseed)]
