"""Changes that used to go through QuerySet.update() now save record by record, so each change is in
the record's history with who made it (issue 32, item 2: `.update()` writes no history)."""

from organisations import services
from organisations.models import Person
from tests.factories import PersonFactory


def test_moving_a_login_to_another_person_is_in_both_peoples_history(world):
    user = world.editor_a
    old = Person.objects.get(user=user)
    new = PersonFactory(organisation=world.org_a)
    rows_before = old.history.count()

    services.link_person(user=user, person=new, actor=world.secretary)

    assert old.history.count() == rows_before + 1
    left = old.history.latest()
    assert left.user_id is None
    assert left.history_user == world.secretary
    came = new.history.latest()
    assert came.user_id == user.pk
    assert came.history_user == world.secretary
