"""Finnish is the default; the Swedish and English catalogues are kept complete."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_catalogue_is_complete_and_compiles(language, tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is needed; make setup installs it"
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", str(tmp_path / "out.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_compiled_catalogue_is_up_to_date(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), "run: manage.py compilemessages"
    assert mo.stat().st_mtime >= po.stat().st_mtime, "run: manage.py compilemessages"


def test_every_template_sentence_is_tagged_for_translation():
    # A crude but useful net: visible text between tags in templates must come through {% translate %}.
    templates = Path(__file__).resolve().parent.parent / "templates"
    # Appeal instructions are legal texts kept as one template per language (fi, sv) on purpose.
    language_specific = templates / "decisions" / "appeal"
    untagged = []
    for template in templates.rglob("*.html"):
        if language_specific in template.parents:
            continue
        # Comments are not visible text; blanking them keeps the line numbers.
        text = re.sub(
            r"{% comment %}.*?{% endcomment %}|{#.*?#}",
            lambda m: "\n" * m.group(0).count("\n"),
            template.read_text(),
            flags=re.S,
        )
        for number, line in enumerate(text.splitlines(), 1):
            line = re.sub(r"{% blocktranslate.*?endblocktranslate %}|<code>.*?</code>|&\w+;", "", line)
            stripped = re.sub(r"{%.*?%}|{{.*?}}|<[^>]+>", "", line)
            stripped = re.sub(r'[\w-]+="[^"]*"', "", stripped).strip(" –()|:.,")  # a widget's attributes
            if re.search(r"[A-Za-zÅÄÖåäö]{3,}", stripped):
                untagged.append(f"{template.name}:{number}: {stripped}")
    assert untagged == []
