from django.apps import AppConfig


class CasefilesConfig(AppConfig):
    """Case files: one cooperation's records as JSON, out and in, the schema, and the first real case
    (`load_demo`, `build_demo_case`, `case_file_schema`). The domain apps declare their parts in their
    own `casefile.py`, so this app sits below them and imports none of them. No models."""

    name = "casefiles"
