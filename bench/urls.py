"""The portal's URLs plus the reference page: 50 ORM rows through a template, the unit the issue's
budgets compare pages against, alongside the health endpoint; and an empty logged-in page, whose cost
is a logged-in request's own: the middleware, the session, the second factor, the rights, the log."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import path

from organisations.models import Person
from tym.urls import urlpatterns as portal

REFERENCE = Template(
    "<!DOCTYPE html><html lang='fi'><body><table>"
    "{% for p in people %}<tr><td>{{ p.first_name }}</td><td>{{ p.last_name }}</td>"
    "<td>{{ p.organisation.name_fi }}</td></tr>{% endfor %}</table></body></html>"
)


def reference(request):
    people = Person.objects.select_related("organisation").order_by("pk")[:50]
    return HttpResponse(REFERENCE.render(Context({"people": people})))


@login_required
def empty(request):
    return HttpResponse("<!DOCTYPE html><html lang='fi'><title>Tyhjä</title><p>Tyhjä sivu.</p></html>")


urlpatterns = [path("bench/reference/", reference), path("bench/empty/", empty), *portal]
