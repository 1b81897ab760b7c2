import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every grant names its cooperation (after 0004 gave each one), in its own migration: PostgreSQL
    cannot alter a table with pending trigger events from the rows written just before."""

    dependencies = [
        ("organisations", "0004_rights_in_one_cooperation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="grant",
            name="cooperation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="grants",
                to="organisations.cooperation",
                verbose_name="cooperation",
            ),
        ),
        migrations.AddConstraint(
            model_name="grant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("user", "role", "organisation", "cooperation"),
                name="grant_once_at_a_time_in_a_cooperation",
                violation_error_message="The user already has this right.",
            ),
        ),
    ]
