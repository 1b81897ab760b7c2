"""templates/django/forms/widgets/select.html writes Django's option markup inline (#15): whatever
the choices, it renders exactly what Django's own templates render, with the HDS text input's class
on the select (#29 item 1) before any class of the widget's own."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test import SimpleTestCase

CHOICES = [("", "---"), ("1", "Jämsä"), ("2", 'Kuhmoinen & "Muurame"'), ("3", "<b>Petäjävesi</b>")]
GROUPED = [
    ("Keski-Suomi", [("1", "Jämsä"), ("2", "Kuhmoinen")]),
    ("Pirkanmaa", [("3", "Orivesi")]),
    ("4", "muu"),
]


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES), "2"),
        (forms.Select(choices=CHOICES, attrs={"id": "id_x", "aria-describedby": "x-help"}), ""),
        (forms.Select(choices=CHOICES, attrs={"class": "wide"}), "1"),
        (forms.Select(choices=GROUPED), "3"),
        (forms.SelectMultiple(choices=CHOICES), ["1", "3"]),
        (forms.NullBooleanSelect(), True),
    ],
)
def test_a_select_renders_as_django_renders_it(widget, value):
    ours = widget.render("x", value, renderer=get_default_renderer())
    classes = " ".join(filter(None, ["hds-text-input__input", widget.attrs.get("class")]))
    django = widget.render("x", value, attrs={"class": classes}, renderer=DjangoTemplates())
    assert ours.count("class=") == 1
    SimpleTestCase().assertHTMLEqual(ours, django)
    assert "selected" in ours or value == ""
