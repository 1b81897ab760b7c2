"""After the appeal period every personal name comes off the public network by one rule, in every
inflection, built from every person the product knows (Kuntalaki § 140 (2), JulkL § 24; #28 item 2).
The first real case: its hand-kept list of names is gone, and no name of the case survives."""

import datetime

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions import appeals, personal_names
from decisions.models import AgendaItem
from decisions.personal_names import PLACEHOLDER, Names

pytestmark = pytest.mark.django_db

# Inflected forms from Finnish and Swedish grammar, written out by hand (not by the rule under test).
FORMS = {
    "Virtanen": [
        "Virtanen",
        "Virtasen",
        "Virtaselle",
        "Virtasta",
        "Virtasella",
        "Virtaseen",
        "Virtaset",
        "Virtasten",
        "Virtasille",
        "Virtasenkin",
        "Virtanens",
    ],
    "Mäki": ["Mäki", "Mäen", "Mäelle", "Mäkeä", "Mäkeen", "Mäessä", "Mäkenä", "Mäkis"],
    "Laine": ["Laine", "Laineen", "Lainetta", "Laineelle", "Laineeseen", "Laineet", "Laines"],
    "Soutolahti": ["Soutolahden", "Soutolahdelle", "Soutolahtea", "Soutolahteen"],
    "Kuittu": ["Kuitun", "Kuittua", "Kuitulle", "Kuittuun"],
    "Pihl": ["Pihl", "Pihlin", "Pihliä", "Pihlille", "Pihls"],
    "Luukko": ["Luukon", "Luukkoa", "Luukolle", "Luukkoon"],
    "Tapanila": ["Tapanilan", "Tapanilaa", "Tapanilalle", "Tapanilaan", "Tapaniloiden"],
    "Lähteenmäki": ["Lähteenmäen", "Lähteenmäkeä", "Lähteenmäelle"],
    "Riitta": ["Riitan", "Riittaa", "Riitalle"],
    "Satu": ["Sadun", "Satua", "Sadulle"],
}
# Words that are no names here, some alike in sound: never removed.
WORDS = [
    "laine",
    "mäki",
    "mäen",
    "satu",
    "tuuli",
    "päätös",
    "Päätös",
    "Lautakunta",
    "hakemus",
    "Mäenlaskija",
    "Virta",
    "Kunta",
    "Jämsän",
    "kaupunki",
    "Keski-Suomen",
    "hyvinvointialue",
    "Kela",
    "§",
    "16/2025",
]


@pytest.mark.parametrize(("name", "form"), [(name, form) for name, forms in FORMS.items() for form in forms])
def test_every_inflection_of_a_known_name_is_removed(name, form):
    names = Names.build([f"Etunimi {name}"])
    assert names.redact(f"Päätös annettiin {form} tiedoksi.") == f"Päätös annettiin {PLACEHOLDER} tiedoksi."
    assert names.redact(form.upper()) == PLACEHOLDER


@given(
    name=st.sampled_from(sorted(FORMS)),
    data=st.data(),
    words=st.lists(st.sampled_from(WORDS), max_size=6),
    upper=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_no_inflected_form_of_a_known_name_survives_any_text(name, data, words, upper):
    form = data.draw(st.sampled_from(FORMS[name]))
    form = form.upper() if upper else form
    position = data.draw(st.integers(0, len(words)))
    text = " ".join([*words[:position], form, *words[position:]])
    redacted = Names.build([f"Etunimi {name}"], ["Jämsän kaupunki", "Keski-Suomen hyvinvointialue"]).redact(
        text
    )
    assert form not in redacted.split()
    # and the other words are all still there (the non-names are not removed)
    assert redacted == " ".join([*words[:position], PLACEHOLDER, *words[position:]])


@given(stem=st.text(alphabet="aeiklmnoprstuvy", min_size=3, max_size=8), upper=st.booleans())
@settings(max_examples=200, deadline=None)
def test_a_nen_name_is_removed_in_its_changed_stem(stem, upper):
    # Any -nen surname: nominative, genitive, allative, partitive, plural, Swedish genitive.
    name = stem.capitalize() + "nen"
    names = Names.build([f"Aino {name}"])
    for form in (
        name,
        f"{name[:-3]}sen",
        f"{name[:-3]}selle",
        f"{name[:-3]}sta",
        f"{name[:-3]}set",
        f"{name}s",
    ):
        form = form.upper() if upper else form
        assert names.redact(f"hakemus {form} ja päätös") == f"hakemus {PLACEHOLDER} ja päätös"


@given(text=st.text(alphabet=st.characters(categories=["Ll", "Zs", "Nd", "Po"]), max_size=80))
@settings(max_examples=200, deadline=None)
def test_a_lowercase_word_is_never_a_name(text):
    names = Names.build(["Tuuli Laine", "Satu Mäki", "Anu Virta"])
    assert names.redact(text) == text


def test_a_name_that_is_also_a_place_goes_only_beside_a_name():
    names = Names.build(["Matti Jämsä"], ["Jämsän kaupunki"])
    assert names.redact("Jämsän kaupunki") == "Jämsän kaupunki"
    assert names.redact("Matti Jämsän hakemus") == f"{PLACEHOLDER} hakemus"
    # the decision's own list of personal data is removed whatever else it is
    assert names.with_own(["Jämsä"]).redact("Jämsän kaupunki") == f"{PLACEHOLDER} kaupunki"


def test_what_the_rule_cannot_know_is_shown():
    names = Names.build(["Satu Soutolahti"], ["Pirkanmaan hyvinvointialue"])
    text = "Pirkanmaan hyvinvointialueen johtaja Taru Kuosmanen nimesi Satu Soutolahden. Päätös tehtiin."
    assert names.unknown_names(text) == ["Taru Kuosmanen"]
    assert names.redact(text).count(PLACEHOLDER) == 1  # the unknown name stays: hence the warning


def test_a_recipient_reads_as_a_person_or_not():
    assert personal_names.looks_like_a_persons_name("Matti Meikäläinen")
    for other in ("Kela", "Jämsän kaupunki", "Asianosainen (nimeä ei mainita otteessa)"):
        assert not personal_names.looks_like_a_persons_name(other)


# The first real case


@pytest.fixture
def real_case(db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    return AgendaItem.objects.get(body__code="etela-keski-suomen-tyollisyysaluelautakunta", number=16)


def test_the_first_case_has_no_hand_kept_list_and_loses_every_name_after_the_period(real_case, client):
    from organisations.models import Person

    item, body = real_case, real_case.body
    assert item.personal_data == ""
    source = " ".join([item.title, item.basis, item.proposal])
    named = [p for p in Person.objects.all() if p.last_name[:4] in source]
    assert len(named) >= 19  # the members and deputies of kohta 1, and the officials who nominated them
    # every form the source writes of their names: Soutolahden, Kuitun, Pihlin, Tollet, Martikaisen, …
    forms = {
        w
        for w in personal_names.WORD.findall(source)
        for p in named
        if w[0].isupper() and (w.startswith(p.last_name[:4]) or w == p.first_name) and w != "Hallinto"
    }
    assert {"Soutolahden", "Kuitun", "Pihlin", "Tollet", "Martikaisen", "Lähteenmäen", "Tapanilan"} <= forms
    with time_machine.travel(datetime.datetime(2025, 4, 1, 12, tzinfo=datetime.UTC), tick=False):
        before = client.get(f"/public/{body.code}/{item.pk}/").text
    assert "Satu Soutolahden" in before  # within the period the decision shows whom it names
    with time_machine.travel(datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC), tick=False):
        pages = [
            client.get(f"/public/{body.code}/{item.pk}/").text,
            client.get(f"/public/{body.code}/").text,
            client.get(f"/public/{body.code}/feed/").text,
            client.get(f"/api/v1/decisions/{item.pk}/").content.decode(),
        ]
    assert PLACEHOLDER in pages[0]
    for page in pages:
        left = {w for w in personal_names.WORD.findall(page) if w in forms}
        assert left == set()
    # the rest of the decision stays
    assert "Työvoimaviranomainen" in pages[0]
    assert "Jämsän kaupunki" in pages[0]
    # Every person the source names is known to the product: what is left to check is one word, the
    # heading "Sopimus …" the extract runs into the next sentence, which is no name.
    assert personal_names.unknown_in(item) == ["Sopimus"]


def test_the_secretary_is_shown_a_name_the_product_does_not_know(published, as_secretary):
    _body, public, _secret = published
    public.decision = "Hyväksyttiin. Asiaa esitteli Kalle Tuntematon."
    public.save()
    assert personal_names.unknown_in(public) == ["Kalle Tuntematon"]
    page = as_secretary.get(f"/decisions/{public.pk}/").text
    assert "Kalle Tuntematon. Kirjaa" in page or "Kalle Tuntematon" in page.split("findings")[1]


def test_a_confidential_part_shows_no_wording(published, client):
    body, _public, secret = published
    part = secret.appeal_parts.get()
    part.scope_fi = "Liisa Virtasen virkavapauden osalta"
    part.save()
    page = client.get(f"/public/{body.code}/{secret.pk}/").text
    assert "Virtasen" not in page
    assert "salassa pidettävä asia" in page


def test_public_text_waits_for_the_period(published):
    _body, public, _secret = published
    text = "Liisa Virtasen hakemus"
    day = datetime.date(2026, 5, 1)
    assert appeals.public_text(public, text, day, None) == text
    assert appeals.public_text(public, text, day, day + datetime.timedelta(days=1)) == text
    assert appeals.public_text(public, text, day, day) == f"{PLACEHOLDER} hakemus"
