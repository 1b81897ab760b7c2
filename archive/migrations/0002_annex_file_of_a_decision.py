# An uploaded annex names the decision's annex it is the file of (#29 item 6: the meeting pack).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0001_initial'),
        ('decisions', '0012_no_appeal_label'),
    ]

    operations = [
        migrations.AddField(
            model_name='archiveddocument',
            name='annex',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='archived_copies', to='decisions.annex', verbose_name='annex of a decision'),
        ),
        migrations.AddField(
            model_name='historicalarchiveddocument',
            name='annex',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='decisions.annex', verbose_name='annex of a decision'),
        ),
        migrations.AddConstraint(
            model_name='archiveddocument',
            constraint=models.CheckConstraint(condition=models.Q(('annex__isnull', True), ('kind', 'annex'), _connector='OR'), name='archive_annex_file_is_an_annex', violation_error_message="Only an annex is the file of a decision's annex."),
        ),
    ]
