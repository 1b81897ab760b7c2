from django import template
from django.utils.translation import get_language

from sso.views import providers

register = template.Library()


@register.simple_tag
def sso_providers() -> list[tuple[str, str]]:
    """(key, name in the page's language) of each configured provider, for the login page."""
    return [(p.key, p.name(get_language())) for p in providers()]
