"""GIN indexes for the decisions search on PostgreSQL (#15): over 50 cooperations × 10 years a search
read every section's text, 1.3 s; with the index, under a millisecond. Each index is on the very
expression decisions.lists._matching() asks for, built here by Django from the same SearchVector, so
PostgreSQL can use it (tests/test_decision_list.py checks that it does). SQLite has no GIN index and
searches by substring: there the migration does nothing. Kept out of the models' state on purpose: a
GIN index in Meta.indexes would break SQLite whenever Django rebuilds a table there."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {  # model: (index name, the fields decisions.lists searches)
    "agendaitem": ("item_text_search", ("title", "title_sv", "proposal", "decision")),
    "annex": ("annex_text_search", ("title",)),
}


def _indexes(apps):
    for model_name, (name, fields) in INDEXES.items():
        yield apps.get_model("decisions", model_name), GinIndex(SearchVector(*fields, config="finnish"), name=name)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0009_item_newest_first_index")]

    operations = [migrations.RunPython(create, drop)]
