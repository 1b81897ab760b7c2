"""Personal names off the public network after the appeal period, by one rule (#28 item 2).

Only the personal data a matter needs may be published, and it comes off the public network when the
appeal period ends (Kuntalaki 410/2015 § 140 (2); JulkL 621/1999 § 24). The rule here replaces a
hand-kept list of names: every person the product knows (index_for) is removed from the public
texts in any Finnish or Swedish inflection:

- a name is matched from its nominative by the stems Finnish inflection builds (Virtanen → Virtasen,
  Virtaselle, Virtasta, Virtasten; Mäki → Mäen, Mäelle, Mäkeä; Laine → Laineen, Lainetta; Soutolahti
  → Soutolahden; Kuittu → Kuitun; Pihl → Pihlin) followed by a case ending from a closed list, an
  optional clitic, or the Swedish (and English) genitive -s;
- names are written with a capital: a lowercase word is never a name (the common nouns laine, mäki,
  tuuli, satu stay), a capitalised one at a sentence's start is removed even when it is a word;
- a word that is also part of a place or organisation the product knows (a person called Jämsä) is
  removed only beside another part of a name (Matti Jämsä), never in "Jämsän kaupunki".

What it cannot do: remove a name the product has never been told (no person recorded anywhere in
the product, not in the decision's own list of personal data). unknown_names() shows the secretary the
capitalised words that look like such names, before the period ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

PLACEHOLDER = "[henkilötieto poistettu]"

# Case endings after a stem (Finnish singular and plural; Swedish and English genitive -s), each
# optionally followed by a clitic. A closed list: "Mäenlaskija" is no inflection of Mäki.
_CASES = re.split(
    r"\s+",
    """- n a ä ta tä tta ttä na nä ksi ssa ssä sta stä lla llä lta ltä lle ne s
    an en in on un yn än ön aan een iin oon uun yyn ään öön seen hin han hen hon hun hyn hän hön
    t ten den ien iden itten jen ia iä ja jä ina inä iksi issa issä ista istä ihin illa illä ilta iltä
    ille itta ittä ine ineen insa insä nsa nsä ni si mme nne""",
)
_CLITICS = ["", "kin", "kaan", "kään", "ko", "kö", "han", "hän", "pa", "pä"]
ENDINGS = frozenset((case if case != "-" else "") + clitic for case in _CASES for clitic in _CLITICS)
_LONGEST_ENDING = max(map(len, ENDINGS))

# Consonant gradation, strong → weak, in the last syllable (Act-free: the grammar of Finnish).
_GRADATION = [
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("nt", "nn"),
    ("lt", "ll"),
    ("rt", "rr"),
    ("ht", "hd"),
    ("lk", "l"),
    ("rk", "r"),
    ("hk", "h"),
    ("k", ""),
    ("p", "v"),
    ("t", "d"),
]
_VOWELS = "aeiouyäöå"

# A word: letters, with inner hyphens (Petra-Sofia, Mänttä-Vilppula) and an apostrophe or colon before
# an ending (Tollet'n, Hjelt:lle).
WORD = re.compile(r"[^\W\d_]+(?:[-'’:][^\W\d_]+)*")
_PART = re.compile(r"[-]")
# What makes the next word start a sentence, a paragraph or a list item ("1. Palvelu", "tavat - Palvelua").
_SENTENCE_END = re.compile(r"(?:[.!?:;]|\s[-–—]|\n)\s*$|^\s*$")


def _weak(stem: str) -> set[str]:
    """STEM with the consonants before its last vowel in the weak grade, where one applies."""
    found: set[str] = set()
    body = stem.rstrip(_VOWELS)
    if not body or body == stem:
        return found
    vowels = stem[len(body) :]
    for strong, weak in _GRADATION:
        if body.endswith(strong) and len(body) > len(strong):
            before = body[: -len(strong)]
            if strong in ("k", "p", "t") and before[-1:] not in _VOWELS + "hlrn":
                continue
            found.add(before + weak + vowels)
            break
    return found


def stems(name: str) -> set[str]:
    """The stems the inflected forms of NAME (one word, nominative) are built on, lowercased."""
    word = name.lower()
    if len(word) < 2:
        return set()
    found = {word}
    if word.endswith("nen") and len(word) > 4:  # Virtanen → Virtase-n, Virtas-ta
        found |= {word[:-3] + "se", word[:-3] + "s"}
    elif word[-1] in _VOWELS:
        found |= _weak(word)
        if word.endswith("e"):  # Laine → Lainee-n, Laine-tta
            found |= {word + "e"} | {w + "e" for w in _weak(word)}
        if word.endswith("i") and len(word) > 3:  # Mäki → Mäke-ä, Mäe-n; Lahti → Lahde-n
            found |= {word[:-1] + "e"} | {w[:-1] + "e" for w in _weak(word)}
        if word.endswith("a"):  # plural stems: Korpeloi-ta, Virto-jen
            found |= {word[:-1] + "oi", word[:-1] + "o"}
        elif word.endswith("ä"):  # Mäntylöi-tä
            found |= {word[:-1] + "öi", word[:-1] + "ö"}
    else:
        found.add(word + "i")  # Pihl → Pihli-n, Tollet → Tolleti-lle
        if word.endswith(("as", "äs", "es", "is", "os", "us", "ys")) and len(word) > 3:
            found |= {word[:-1] + word[-2], word[:-1] + "kse"}  # Vehmas → Vehmaa-n; Johannes → -kse-
    return found


def _split(word: str) -> tuple[str, str]:
    """WORD's base and what follows an apostrophe or colon (Tollet'n → Tollet, n)."""
    for mark in "'’:":
        if mark in word:
            base, _mark, rest = word.partition(mark)
            return base, rest
    return word, ""


@dataclass
class Names:
    """The names to remove and the words of places and organisations not to take for names."""

    stems: set[str] = field(default_factory=set)  # of the names of people the product knows
    own: set[str] = field(default_factory=set)  # of the decision's own personal data: always removed
    places: set[str] = field(default_factory=set)  # of the words of places and organisations

    @classmethod
    def build(cls, names: Iterable[str], places: Iterable[str] = (), own: Iterable[str] = ()) -> Names:
        return cls(_stems_of(names), _stems_of(own), _stems_of(places, capitalised=False))

    def with_own(self, own: Iterable[str]) -> Names:
        """These names, and OWN (the decision's own personal data, removed even where a place is
        named alike)."""
        return Names(self.stems, self.own | _stems_of(own), self.places)

    def _inflects(self, part: str, known: dict | set) -> bool:
        base, rest = _split(part)
        word = base.lower()
        if rest:
            return word in known and rest.lower() in ENDINGS
        for cut in range(len(word), max(1, len(word) - _LONGEST_ENDING) - 1, -1):
            if word[:cut] in known and word[cut:] in ENDINGS:
                return True
        return False

    def is_name(self, part: str) -> bool:
        """Whether PART (one word, no hyphen) is a known name in some inflection: capitalised."""
        return bool(part) and part[0].isupper() and self._inflects(part, self.stems | self.own)

    def is_place(self, part: str) -> bool:
        return bool(part) and self._inflects(part, self.places)

    def redact(self, text: str) -> str:
        """TEXT with every known name replaced by PLACEHOLDER, a run of name words by one."""
        if not text or not (self.stems or self.own):
            return text
        words = list(WORD.finditer(text))
        kinds: list[str | None] = []
        for match in words:
            parts = [p for p in _PART.split(match.group()) if p]
            named = [p for p in parts if self.is_name(p)]
            if not named:
                kinds.append(None)
            elif any(self._inflects(p, self.own) for p in named):
                kinds.append("name")
            elif all(self.is_place(p) for p in named):
                kinds.append("ambiguous")  # a name that is also a place: only beside a name
            else:
                kinds.append("name")
        remove = [False] * len(words)
        for i, kind in enumerate(kinds):
            if kind == "name":
                remove[i] = True
            elif kind == "ambiguous":
                near = [j for j in (i - 1, i + 1) if 0 <= j < len(words) and kinds[j] == "name"]
                remove[i] = any(_adjacent(text, words[min(i, j)], words[max(i, j)]) for j in near)
        out, position = [], 0
        for i, match in enumerate(words):
            if remove[i]:
                out += [text[position : match.start()], PLACEHOLDER]
                position = match.end()
        out.append(text[position:])
        return _collapse("".join(out))

    def unknown_names(self, text: str) -> list[str]:
        """Capitalised words in TEXT that may be names the rule does not know: a run of capitalised words
        (no acronym, not a known name, place or organisation, not written in lowercase elsewhere in the
        text) anywhere, or one such word inside a sentence. What the secretary should record as a person
        or as the decision's personal data."""
        found: list[str] = []
        run: list[str] = []
        run_mid_sentence = False

        def close() -> None:
            if len(run) >= 2 or (run and run_mid_sentence):
                phrase = " ".join(run)
                if phrase not in found:
                    found.append(phrase)
            run.clear()

        # A word the text also writes in lowercase is a common word (a heading run into the text).
        common = {w for w in WORD.findall(text or "") if w.islower()}
        previous_end = 0
        for match in WORD.finditer(text or ""):
            word = match.group()
            gap = text[previous_end : match.start()]
            starts_sentence = bool(_SENTENCE_END.search(text[max(0, previous_end - 2) : match.start()]))
            previous_end = match.end()
            parts = [p for p in _PART.split(word) if p]
            candidate = (
                word[0].isupper()
                and not any(p.isupper() and len(p) > 1 for p in parts)  # TYM-asiakkaille, YT-neuvottelut
                and word.lower() not in common
                and not any(self.is_name(p) or self.is_place(p) for p in parts)
            )
            if candidate and (run and gap.strip() == ""):
                run.append(word)
                continue
            close()
            if candidate:
                run.append(word)
                run_mid_sentence = not starts_sentence
        close()
        return found


def _stems_of(names: Iterable[str], *, capitalised: bool = True) -> set[str]:
    """The stems of every word of NAMES; of a person's name as written only its capitalised words
    ("palvelujohtaja Satu Soutolahti")."""
    found: set[str] = set()
    for name in names:
        for word in WORD.findall(name or ""):
            if capitalised and not word[0].isupper():
                continue
            for part in _PART.split(_split(word)[0]):
                if len(part) >= 2:
                    found |= stems(part)
    return found


def _adjacent(text: str, first: re.Match, second: re.Match) -> bool:
    return text[first.end() : second.start()].strip() == ""


_RUNS = re.compile(rf"{re.escape(PLACEHOLDER)}(?:\s+{re.escape(PLACEHOLDER)})+")


def _collapse(text: str) -> str:
    return _RUNS.sub(PLACEHOLDER, text)


def looks_like_a_persons_name(text: str) -> bool:
    """Whether a free-text recipient or claimant reads as a person's name (Matti Meikäläinen) rather
    than an organisation (Kela, Jämsän kaupunki) or a description (Asianosainen (nimeä ei mainita))."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(WORD.fullmatch(w) and w[0].isupper() for w in words)


# Apps above this one add the names they keep as written (agreements: its signatories), each a
# queryset of (text, True) rows that joins the one query below (the layers: decisions may not import
# them).
WRITTEN_NAMES: list[Callable[[], QuerySet]] = []


def keeps_names_as_written(source: Callable[[], QuerySet]) -> Callable[[], QuerySet]:
    """Register SOURCE() -> a values_list of (name as written, True) read with every person's name."""
    WRITTEN_NAMES.append(source)
    return source


def _persons_names() -> list[str]:
    """Every person the product knows: every person recorded (seat holders, the leading person, people
    with rights, people linked to a cooperation, the people of the parties, who decided a nomination,
    signatories, attendance, chairs, secretaries, presenters, certifiers), signatories as the
    agreements write them, preparers, and the recipients and claimants whose names read as a person's
    (not Kela, not "Jämsän kaupunki"). Product-wide, so a page or an API response reads them in two
    queries however many bodies and cooperations it shows."""
    from django.db.models import BooleanField, Value

    from decisions.models import AgendaItem, Claim, Notification
    from organisations.models import Person

    names = [f"{first} {last}" for first, last in Person.objects.values_list("first_name", "last_name")]
    as_written, if_a_person = Value(True, BooleanField()), Value(False, BooleanField())
    written = (
        AgendaItem.objects.exclude(preparer="")
        .values_list("preparer", as_written)
        .order_by()
        .union(
            *(source().order_by() for source in WRITTEN_NAMES),
            Notification.objects.values_list("recipient", if_a_person).order_by(),
            Claim.objects.values_list("claimant", if_a_person).order_by(),
        )
    )
    names += [text for text, always in written if always or looks_like_a_persons_name(text)]
    return names


def _places() -> list[str]:
    """The names of places and organisations the product knows: their words are no names alone."""
    from decisions.models import Body
    from organisations.models import Cooperation, EmploymentArea, Municipality, Organisation
    from registers.models import Region, RegisteredMunicipality, WellbeingCounty

    places = ["Kela", "Suomi", "Finland", "KEHA-keskus"]
    models = [
        Organisation,
        Municipality,
        RegisteredMunicipality,
        Region,
        WellbeingCounty,
        EmploymentArea,
        Body,
    ]
    names = (
        Cooperation.objects.values_list("name_fi", "name_sv")
        .order_by()
        .union(*(model._default_manager.values_list("name_fi", "name_sv").order_by() for model in models))
    )
    for fi, sv in names:  # one query
        places += [fi, sv]
    return [p for p in places if p]


def index_for(item, memo: dict | None = None) -> Names:
    """The names to remove from ITEM's public texts (see the module's rule): every person the product
    knows, and the personal data recorded on the decision itself (one per line: a name the product
    does not otherwise know). MEMO, shared by the texts of one page or response, reads them once."""
    memo = {} if memo is None else memo
    if "names" not in memo:
        memo["names"] = Names.build(_persons_names(), _places())
    own = [line.strip() for line in (item.personal_data or "").splitlines() if line.strip()]
    return memo["names"].with_own(own) if own else memo["names"]


def unknown_in(item, memo: dict | None = None) -> list[str]:
    """Words in ITEM's public texts that look like names the rule does not know (see unknown_names):
    the secretary records each person, or adds the name to the decision's personal data, before the
    appeal period ends."""
    names = index_for(item, memo)
    texts = [item.title, item.title_sv, item.basis, item.proposal, item.decision, item.proposal_sv]
    texts += [item.decision_sv, *(a.title for a in item.annexes.all())]
    texts += [scope for part in item.appeal_parts.all() for scope in (part.scope_fi, part.scope_sv)]
    found: list[str] = []
    for text in texts:
        found += [phrase for phrase in names.unknown_names(text or "") if phrase not in found]
    return found
