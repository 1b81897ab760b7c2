"""Appeal deadlines by Finnish law, in one place. Pure functions of dates; no database.

- Deemed receipt (never shifted, Act 150/1930 applies only to the last day):
  ordinary letter: the 7th day after sending (Hallintolaki 434/2003 § 59; Kuntalaki 410/2015 § 139);
  ordinary electronic notification, with the recipient's consent: the 3rd day after sending
  (Laki sähköisestä asioinnista viranomaistoiminnassa 13/2003 § 19); consent not recorded gives none;
  municipal members: the 7th day after the minutes were put on the public network (Kuntalaki § 140);
  a proven actual date of receipt overrides a deemed one (the same sections: "jollei muuta näytetä").
- Periods: rectification claim 14 days (Kuntalaki § 138); municipal appeal (Kuntalaki § 135) and appeal
  under a special act, both to the administrative court, 30 days (Laki oikeudenkäynnistä
  hallintoasioissa 808/2019 § 13); a rectification claim that a special act requires before the
  appeal, 30 days (Hallintolaki 434/2003 ch. 7 a: § 49 c), by a party only (§ 49 b (2)).
- Counting (Laki säädettyjen määräaikain laskemisesta 150/1930): § 2 the day of receipt is not
  counted; § 5 when the last day is a Sunday or other public holiday, Independence Day, May Day,
  Christmas Eve, Midsummer Eve or a Saturday, the act may be done on the next weekday.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import lru_cache

import holidays
from django.db import models
from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Method(models.TextChoices):
    LETTER = "letter", gettext_lazy("ordinary letter")
    EMAIL = "email", gettext_lazy("e-mail")
    PUBLICATION = "publication", gettext_lazy("minutes on the public network (municipal members)")
    RECEIVED = "received", gettext_lazy("proven receipt (in person or acknowledged)")


class Kind(models.TextChoices):
    RECTIFICATION = "rectification", gettext_lazy("rectification claim")
    MUNICIPAL_APPEAL = "municipal_appeal", gettext_lazy("municipal appeal to the administrative court")
    COURT_APPEAL = "court_appeal", gettext_lazy("appeal under a special act to the administrative court")
    # Hallintolaki ch. 7 a (§§ 49 a–49 g): where a special act requires a claim before the appeal.
    ADMIN_RECTIFICATION = (
        "admin_rectification",
        gettext_lazy(
            "rectification claim under the Administrative Procedure Act before an appeal under a special act"
        ),
    )


DEEMED_RECEIPT_DAYS = {Method.LETTER: 7, Method.EMAIL: 3, Method.PUBLICATION: 7, Method.RECEIVED: 0}
PERIOD_DAYS = {
    Kind.RECTIFICATION: 14,  # Kuntalaki § 138
    Kind.MUNICIPAL_APPEAL: 30,  # Act 808/2019 § 13
    Kind.COURT_APPEAL: 30,  # Act 808/2019 § 13
    Kind.ADMIN_RECTIFICATION: 30,  # Hallintolaki § 49 c (1)
}
# The numbers the appeal instructions print, from the rules above (never typed into a template).
INSTRUCTION_DAYS = {
    "rectification": PERIOD_DAYS[Kind.RECTIFICATION],
    "municipal_appeal": PERIOD_DAYS[Kind.MUNICIPAL_APPEAL],
    "court_appeal": PERIOD_DAYS[Kind.COURT_APPEAL],
    "admin_rectification": PERIOD_DAYS[Kind.ADMIN_RECTIFICATION],
    "letter": DEEMED_RECEIPT_DAYS[Method.LETTER],
    "email": DEEMED_RECEIPT_DAYS[Method.EMAIL],
    "publication": DEEMED_RECEIPT_DAYS[Method.PUBLICATION],
}

# The holidays package has no Swedish names for Finland's holidays; these are the official ones.
SWEDISH_NAMES = {
    "Uudenvuodenpäivä": "Nyårsdagen",
    "Loppiainen": "Trettondagen",
    "Pitkäperjantai": "Långfredagen",
    "Pääsiäispäivä": "Påskdagen",
    "Toinen pääsiäispäivä": "Annandag påsk",
    "Vappu": "Första maj",
    "Helatorstai": "Kristi himmelsfärdsdag",
    "Helluntaipäivä": "Pingstdagen",
    "Juhannusaatto": "Midsommarafton",
    "Juhannuspäivä": "Midsommardagen",
    "Pyhäinpäivä": "Alla helgons dag",
    "Itsenäisyyspäivä": "Självständighetsdagen",
    "Jouluaatto": "Julafton",
    "Joulupäivä": "Juldagen",
    "Tapaninpäivä": "Annandag jul",
}


@lru_cache(maxsize=64)
def _holidays(year: int, language: str) -> holidays.HolidayBase:
    # Default category (public) only: it includes Midsummer Eve and Christmas Eve, which § 5 names.
    return holidays.country_holidays("FI", years=year, language=language)


def holiday_name(day: datetime.date) -> str | None:
    language = (translation.get_language() or "fi")[:2]
    if language == "sv":
        name = _holidays(day.year, "fi").get(day)
        return SWEDISH_NAMES.get(name, name) if name else None
    return _holidays(day.year, "fi" if language == "fi" else "en_US").get(day)


def is_public_holiday(day: datetime.date) -> bool:
    return day in _holidays(day.year, "fi")


def is_deadline_day(day: datetime.date) -> bool:
    """A day on which a last day may fall (Act 150/1930 § 5): not a Saturday, Sunday or holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def next_deadline_day(day: datetime.date) -> datetime.date:
    while not is_deadline_day(day):
        day += datetime.timedelta(days=1)
    return day


def no_deemed_receipt(method: str, consent: str) -> bool:
    """Whether an e-mail gives no deemed receipt: only a recorded consent to electronic service gives
    one (Act 13/2003 § 19). Consent not recorded is no consent: the period runs from a proven receipt
    only, and no finality can be certified until then."""
    return method == Method.EMAIL and consent != "yes"


def refused(kind: str, method: str) -> str | None:
    """Why no period can be counted for KIND from METHOD, or None. Municipal members' period runs from
    the publication of the minutes (Kuntalaki § 140) only where membership gives standing (§ 137): in a
    rectification claim and a municipal appeal. An appeal under a special act follows that act (Laki
    oikeudenkäynnistä hallintoasioissa 808/2019 § 7), and so does the claim it requires first
    (Hallintolaki § 49 b (2)): membership gives no standing there."""
    if kind == Kind.COURT_APPEAL and method == Method.PUBLICATION:
        return _(
            "An appeal under a special act is not counted from the publication of the minutes: municipal "
            "members have no standing in it (Act 808/2019 § 7). Count it from the notification of the party."
        )
    if kind == Kind.ADMIN_RECTIFICATION and method == Method.PUBLICATION:
        return _(
            "A rectification claim under the Administrative Procedure Act is not counted from the "
            "publication of the minutes: only a party may make it (Hallintolaki § 49 b (2)). Count it "
            "from the notification of the party."
        )
    return None


def deemed_receipt(method: str, date: datetime.date) -> datetime.date:
    """When the recipient is deemed informed. Never shifted for weekends or holidays."""
    return date + datetime.timedelta(days=DEEMED_RECEIPT_DAYS[Method(method)])


def nominal_last_day(kind: str, receipt: datetime.date) -> datetime.date:
    # § 2: the day of receipt is not counted, so day N is receipt + N.
    return receipt + datetime.timedelta(days=PERIOD_DAYS[Kind(kind)])


def last_day(kind: str, receipt: datetime.date) -> datetime.date:
    return next_deadline_day(nominal_last_day(kind, receipt))


def _day(day: datetime.date) -> str:
    return dateformat.format(day, "l j.n.Y")


def _why_not(day: datetime.date) -> str:
    name = holiday_name(day)
    if name:
        return name
    return _("Saturday") if day.weekday() == 5 else _("Sunday")


@dataclass
class Computation:
    kind: str
    method: str
    date: datetime.date
    deemed_receipt: datetime.date
    period_days: int
    nominal_last_day: datetime.date
    last_day: datetime.date
    steps: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "method": self.method,
            "date": self.date.isoformat(),
            "deemed_receipt": self.deemed_receipt.isoformat(),
            "period_days": self.period_days,
            "nominal_last_day": self.nominal_last_day.isoformat(),
            "last_day": self.last_day.isoformat(),
            "shifted": self.last_day != self.nominal_last_day,
            "steps": self.steps,
        }


def compute(kind: str, method: str, date: datetime.date) -> Computation:
    """The deemed receipt and last day for KIND, notified by METHOD on DATE, with the reasoning in words.

    A pure function of its arguments, the statutes and the language: the sections of one meeting share
    their publication day, so it is worked out once per process and language (#15) and each caller
    gets its own copy."""
    kept = _compute(str(kind), str(method), date, translation.get_language())
    return replace(kept, steps=list(kept.steps))


@lru_cache(maxsize=4096)
def _compute(kind: str, method: str, date: datetime.date, language: str | None) -> Computation:
    kind, method = Kind(kind), Method(method)
    receipt = deemed_receipt(method, date)
    days = PERIOD_DAYS[kind]
    steps = []
    if method == Method.LETTER:
        steps.append(
            _(
                "Sent by ordinary letter on %(sent)s: deemed received on the 7th day, %(receipt)s "
                "(Hallintolaki 434/2003 § 59, Kuntalaki 410/2015 § 139)."
            )
            % {"sent": _day(date), "receipt": _day(receipt)}
        )
    elif method == Method.EMAIL:
        steps.append(
            _("Sent by e-mail on %(sent)s: deemed received on the 3rd day, %(receipt)s (Act 13/2003 § 19).")
            % {"sent": _day(date), "receipt": _day(receipt)}
        )
    elif method == Method.PUBLICATION:
        steps.append(
            _(
                "Minutes put on the public network on %(sent)s: municipal members are deemed informed on "
                "the 7th day, %(receipt)s (Kuntalaki 410/2015 § 140)."
            )
            % {"sent": _day(date), "receipt": _day(receipt)}
        )
    else:
        steps.append(
            _("Receipt proven on %(receipt)s: the period runs from that day.") % {"receipt": _day(receipt)}
        )
    steps.append(
        _("The deemed date of receipt is never moved, even when it is a Saturday, Sunday or holiday.")
    )
    nominal = nominal_last_day(kind, receipt)
    steps.append(
        _("The day of receipt is not counted (Act 150/1930 § 2): day %(days)s is %(day)s.")
        % {"days": days, "day": _day(nominal)}
    )
    final = nominal
    while not is_deadline_day(final):
        steps.append(
            _("%(day)s is not a weekday on which the act can be done: %(reason)s (Act 150/1930 § 5).")
            % {"day": _day(final), "reason": _why_not(final)}
        )
        final += datetime.timedelta(days=1)
    if final != nominal:
        steps.append(_("The next weekday is %(day)s: that is the last day.") % {"day": _day(final)})
    else:
        steps.append(_("%(day)s is a weekday: that is the last day.") % {"day": _day(final)})
    return Computation(kind, method, date, receipt, days, nominal, final, steps)
