# A rectification claim under Hallintolaki ch. 7 a (§§ 49 a–49 g) where a special act requires one
# before the appeal (#28).

from django.db import migrations, models

KINDS = [
    ("no_appeal", "no appeal (preparation or implementation only)"),
    ("rectification", "rectification claim (14 days)"),
    ("municipal_appeal", "municipal appeal to the administrative court (30 days)"),
    ("court_appeal", "appeal under a special act to the administrative court (30 days)"),
    (
        "admin_rectification",
        "rectification claim under the Administrative Procedure Act, then the administrative court (30 days)",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0012_no_appeal_label"),
    ]

    operations = [
        migrations.AlterField(
            model_name="appealpart",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=20, verbose_name="appeal instructions"),
        ),
        migrations.AlterField(
            model_name="historicalappealpart",
            name="kind",
            field=models.CharField(choices=KINDS, max_length=20, verbose_name="appeal instructions"),
        ),
        migrations.RemoveConstraint(model_name="appealpart", name="appeal_part_kind_known"),
        migrations.AddConstraint(
            model_name="appealpart",
            constraint=models.CheckConstraint(
                condition=models.Q(kind__in=[kind for kind, _label in KINDS]),
                name="appeal_part_kind_known",
            ),
        ),
    ]
