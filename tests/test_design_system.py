"""The pages are built from the Helsinki Design System's components (hds-core, static/vendor/hds-core/;
#29 item 1), not from hand-written look-alikes: every button and button-like link is an hds-button with
a variant, every table of a page an hds-table, badges are HDS status labels, and a form's fields come
out of templates/includes/field.html and the widget templates in HDS markup."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory

from core.forms import DATE_WIDGET

TEMPLATES = Path(settings.BASE_DIR) / "templates"
VENDOR = Path(settings.BASE_DIR) / "static" / "vendor" / "hds-core"
# Documents printed by WeasyPrint with static/css/pdf.css, not pages: no HDS there.
DOCUMENTS = re.compile(r"_pdf\.html$|/email/|/emails/|\.txt$")
BUTTON_VARIANT = re.compile(r"hds-button--(primary|secondary|supplementary|success|danger)")


def page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(("admin/", "django/")) or DOCUMENTS.search(name):
            continue
        yield name, path.read_text(encoding="utf-8")


def tags(text, tag):
    # Template tags inside an element's attributes ({% if %} … {% endif %}) are kept: the class is
    # checked as written.
    return re.findall(rf"<{tag}\b(?:[^<>]|{{%[^%]*%}}|{{{{[^}}]*}}}})*>", text)


def classes(element):
    found = re.search(r'\sclass="([^"]*)"', element)
    return found.group(1).split() if found else []


def test_every_button_is_an_hds_button_with_a_variant():
    bare = [
        f"{name}: {button}"
        for name, text in page_templates()
        for button in tags(text, "button")
        if "hds-button" not in classes(button) or not BUTTON_VARIANT.search(button)
    ]
    assert bare == []


def test_no_element_has_two_class_attributes():
    doubled = [
        f"{name}: {element[:120]}"
        for name, text in page_templates()
        for tag in ("button", "a", "input", "select", "textarea", "table", "span", "div")
        for element in tags(text, tag)
        if len(re.findall(r'\sclass="', element)) > 1
    ]
    assert doubled == []


def test_links_styled_as_buttons_are_hds_buttons():
    old = [
        f"{name}: {link}"
        for name, text in page_templates()
        for link in tags(text, "a")
        if "button" in classes(link)
    ]
    assert old == []
    styled = [
        link for _, text in page_templates() for link in tags(text, "a") if "hds-button" in classes(link)
    ]
    assert styled
    assert all(BUTTON_VARIANT.search(link) for link in styled)


def test_every_table_of_a_page_is_an_hds_table():
    problems = []
    for name, text in page_templates():
        for table in tags(text, "table"):
            if "hds-table" not in classes(table):
                problems.append(f"{name}: {table}")
        for row in re.findall(r"<thead>\s*<tr[^>]*>", text):
            if "hds-table__header-row" not in row:
                problems.append(f"{name}: {row}")
        for body in tags(text, "tbody"):
            if "hds-table__content" not in classes(body):
                problems.append(f"{name}: {body}")
    assert problems == []


def test_status_words_are_hds_status_labels():
    assert [name for name, text in page_templates() if re.search(r'class="[^"]*\bbadge\b', text)] == []


def test_the_css_of_every_component_used_is_vendored_and_loaded():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    for component in (
        "base",
        "button",
        "notification",
        "error-summary",
        "text-input",
        "checkbox",
        "radio-button",
        "fieldset",
        "table",
        "status-label",
    ):
        assert (VENDOR / f"{component}.min.css").is_file()
        assert f"vendor/hds-core/{component}.min.css" in base
        assert component in (VENDOR / "README.md").read_text(encoding="utf-8")
    assert "cdn" not in base.lower()


class SampleForm:
    """Built inside the test: forms need Django's settings."""

    @staticmethod
    def make(data=None):
        from django import forms

        class Sample(forms.Form):
            title = forms.CharField(label="Otsikko", help_text="Lyhyesti.")
            text = forms.CharField(
                label="Teksti", widget=forms.Textarea(attrs={"class": "wide"}), required=False
            )
            day = forms.DateField(label="Päivä", widget=DATE_WIDGET, required=False)
            kind = forms.ChoiceField(label="Laji", choices=[("a", "A"), ("b", "B")], required=False)
            agree = forms.BooleanField(label="Hyväksyn", help_text="Pakollinen.")
            many = forms.MultipleChoiceField(
                label="Monta", choices=[("1", "Yksi"), ("2", "Kaksi")], widget=forms.CheckboxSelectMultiple
            )
            one = forms.ChoiceField(label="Yksi", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)

        return Sample(data)


def render_form(form):
    return render_to_string(
        "core/form_page.html",
        {"form": form, "title": "Lomake", "back_url": "/", "back_label": "Takaisin"},
        request=RequestFactory().get("/"),
    )


@pytest.mark.django_db
def test_a_form_page_renders_its_fields_in_hds_markup():
    html = render_form(SampleForm.make())
    inputs = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    named = {re.search(r'name="([^"]+)"', i).group(1): i for i in inputs if 'type="hidden"' not in i}
    for name in ("title", "text", "day", "kind"):
        assert "hds-text-input__input" in classes(named[name]), named[name]
    assert classes(named["text"]) == ["hds-text-input__input", "wide"]
    assert 'type="date"' in named["day"]
    assert classes(named["agree"]) == ["hds-checkbox__input"]
    checkboxes = [i for i in inputs if 'name="many"' in i]
    radios = [i for i in inputs if 'name="one"' in i]
    assert len(checkboxes) == 2
    assert all(classes(i) == ["hds-checkbox__input"] for i in checkboxes)
    assert len(radios) == 2
    assert all(classes(i) == ["hds-radio-button__input"] for i in radios)
    assert html.count('class="hds-checkbox__label" for="id_many_') == 2
    assert html.count('class="hds-radio-button__label" for="id_one_') == 2
    assert '<label class="hds-text-input__label" for="id_title">' in html
    assert '<label class="hds-checkbox__label" for="id_agree">' in html
    assert '<legend class="hds-fieldset-legend">Monta' in html
    assert 'class="hds-text-input__helper-text" id="id_title_helptext"' in html
    assert 'aria-describedby="id_title_helptext"' in named["title"]
    assert 'aria-describedby="id_agree_helptext"' in named["agree"]
    assert all(len(re.findall(r'\sclass="', i)) == 1 for i in inputs if 'type="hidden"' not in i)


@pytest.mark.django_db
def test_a_refused_form_links_its_errors_to_the_fields_in_hds_markup():
    form = SampleForm.make({"title": "", "many": [], "one": ""})
    assert not form.is_valid()
    html = render_form(form)
    assert "hds-text-input--invalid" in html
    assert 'class="hds-text-input__error-text" id="id_title_error"' in html
    assert 'class="hds-checkbox__error-text" id="id_agree_error"' in html
    assert re.search(r'<input[^>]*name="title"[^>]*aria-describedby="id_title_helptext id_title_error"', html)
    assert re.search(r'<input[^>]*name="title"[^>]*aria-invalid="true"', html)
    # A group of choices is described by its error text; the summary links to its first choice.
    assert 'aria-describedby="id_many_error"' in html
    for target in ("#id_title", "#id_agree", "#id_many_0", "#id_one_0"):
        assert f'href="{target}"' in html
    assert "data-error-summary" in html
