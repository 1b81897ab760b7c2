"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.

Check digit (Patent and Registration Office / Tax Administration rule): weights 7, 9, 10, 5, 8, 4, 2;
r = sum mod 11; r = 0 gives 0, r = 1 gives no valid ID, otherwise 11 - r. python-stdnum implements it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.fi import ytunnus


def is_valid(value: str) -> bool:
    """True when VALUE is a well-formed business ID whose check digit is right."""
    return bool(value) and ytunnus.is_valid(value)


def normalise(value: str) -> str:
    """The canonical written form (1234567-8) of a valid business ID typed in any spacing."""
    return ytunnus.format(ytunnus.validate(value))


def validate_business_id(value: str) -> None:
    """Form validator: refuses a business ID that is malformed or has a wrong check digit."""
    try:
        ytunnus.validate(value)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong."),
            code="business_id_checksum",
            params={"value": value},
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _("%(value)s is not a business ID: write seven digits, a hyphen and a check digit (1234567-8)."),
            code="business_id_format",
            params={"value": value},
        ) from None
