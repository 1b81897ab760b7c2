"""The register as of 1 January 2025 (registers/data/2025-01-01.json). This migration loads that file
by name, so a later edition changes nothing here: later editions are applied with
`manage.py update_reference_data FILE` (or a later data migration naming its own file)."""

from django.db import migrations

EDITION = "2025-01-01.json"


def load(apps, schema_editor):
    from registers import editions

    if not apps.get_model("registers", "Edition").objects.filter(name="2025-01-01").exists():
        editions.apply(editions.read(editions.DATA_DIR / EDITION), apps=apps)


def unload(apps, schema_editor):
    for name in ("RegisteredMunicipality", "Region", "AdministrativeCourt", "WellbeingCounty",
                 "NationalParty", "CourtFee", "Edition"):
        apps.get_model("registers", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
