"""Reading a case file: all of it or nothing, within its own cooperation.

- A record of the cooperation's own (an area, a body, a meeting, an invoice...) is matched only among
  that cooperation's rows (its part's scope). When none matches and a value that must be unique in
  the installation (an area's or a body's code, an invoice's number) is already another cooperation's,
  the record is refused: an import never takes over another cooperation's row.
- A shared national record (an organisation by its Finnish name, a municipality by code) is matched
  across the installation and never changed: a difference is a warning in the outcome, and so is a
  new organisation whose business ID another already has. The fields a cooperation sets on a shared
  record (a municipality's area) are refused when they are another cooperation's.
- A person is matched across the installation and changed only while no other cooperation's case
  file carries them; otherwise a difference is a warning.
- Two records of one file that are the same row (the same identity or the same unique value, e.g. two
  municipalities with one code) are refused: nothing is renamed in silence.
- A right given by user name whose user this installation does not have is not given, with a warning:
  logins are each installation's own.
"""

from __future__ import annotations

import copy
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from casefiles import schema, versions
from casefiles.exchange import IMPORT_REASON, CaseFileRefused, Outcome, Part, chosen, parts, root_part
from core.writes import Actor, save_validated


def read(data: Any, *, actor: Actor = None) -> Outcome:
    """Bring the records of DATA into the database: all of them, or none with every error named."""
    data = versions.upgrade(data)
    errors = schema.check(data)
    if errors:
        raise CaseFileRefused(errors)
    errors = _one_root(data)
    if errors:
        raise CaseFileRefused(errors)
    duplicates = _duplicates(data)
    with transaction.atomic():
        reader = _Reader(data, actor, skip=set(duplicates))
        reader.errors += duplicates.values()
        reader.run()
        if reader.errors:
            transaction.set_rollback(True)
    if reader.errors:
        raise CaseFileRefused(sorted(reader.errors, key=_place))
    return reader.outcome


def _place(error: str) -> tuple[int, str]:
    """Errors in the order of the records they name."""
    if error.startswith("$.records["):
        return int(error[len("$.records[") : error.index("]")]), error
    return -1, error


def _section(p: Part, name: str) -> str:
    """Where a field's value stands in a record: among its fields or its refs."""
    try:
        relation = p.model._meta.get_field(name).is_relation
    except Exception:
        return "fields"
    return "refs" if relation and not p.named(name) else "fields"


def _describe(obj: models.Model) -> str:
    return _("%(model)s “%(name)s”") % {"model": obj._meta.verbose_name, "name": obj}


def _no_earlier(ref: str) -> str:
    return _("No earlier record has the key %(key)s.") % {"key": repr(ref)}


def _verbose(p: Part, name: str) -> str:
    return str(getattr(p.model._meta.get_field(name), "verbose_name", name))


def _shown(value: Any) -> str:
    return "—" if value in (None, "") else str(value)


def _one_root(data: dict[str, Any]) -> list[str]:
    root = root_part()
    places = [n for n, r in enumerate(data["records"]) if r["model"] == root.label]
    if len(places) != 1:
        return [
            "$.records: "
            + _("A case file has exactly one record of its cooperation; this one has %(count)s.")
            % {"count": len(places)}
        ]
    record = data["records"][places[0]]
    name = root.identity[0]
    if record["fields"].get(name) != data["cooperation"]:
        return [
            f"$.records[{places[0]}].fields.{name}: "
            + _("The file is the case of the cooperation “%(code)s”, but this record is “%(other)s”.")
            % {"code": data["cooperation"], "other": record["fields"].get(name)}
        ]
    return []


def _duplicates(data: dict[str, Any]) -> dict[int, str]:
    """Records of one file that would be the same row as an earlier one (by an identity or a unique
    value), each with its error: the importer reads none of them."""
    by_label = {p.label: p for p in parts()}
    seen: dict[tuple[Any, ...], int] = {}
    errors: dict[int, str] = {}
    for n, record in enumerate(data["records"]):
        p = by_label[record["model"]]
        several = len(p.identities()) > 1
        marks = [(names, several) for names in p.identities()]
        marks += [((f.name,), True) for f in p.fields() if f.unique and not f.is_relation]
        marks += [((name,), True) for name in p.distinct]
        for names, optional in marks:
            values = tuple(
                record["refs"].get(name) if _section(p, name) == "refs" else record["fields"].get(name)
                for name in names
            )
            if optional and any(v in ("", None) for v in values):
                continue  # an alternative identity not given (an organisation without a business ID)
            mark = (p.label, names, values)
            if mark in seen:
                if seen[mark] == n:
                    continue
                shown = ", ".join(
                    f"{_verbose(p, name)}: {_shown(value)}" for name, value in zip(names, values, strict=True)
                )
                errors[n] = f"$.records[{n}]: " + _(
                    "The same %(model)s as $.records[%(other)s] (%(values)s): give each only once."
                ) % {"model": p.model._meta.verbose_name, "other": seen[mark], "values": shown}
                break
            seen[mark] = n
    return errors


class _Reader:
    def __init__(self, data: dict[str, Any], actor: Actor, skip: set[int]):
        self.data = data
        self.skip = skip  # records refused before reading (the same row as an earlier record)
        self.actor = actor
        self.by_label = {p.label: p for p in parts()}
        self.outcome = Outcome()
        self.errors: list[str] = []
        self.objects: dict[str, models.Model] = {}
        self.refused: set[str] = set()  # keys of records that could not be saved
        self.deferred: list[tuple[int, Part, models.Model, str, str]] = []
        root = root_part()
        self.cooperation: models.Model | None = root.model._default_manager.filter(
            **{root.identity[0]: data["cooperation"]}
        ).first()
        self._others: dict[int, dict[str, set[Any]]] = {}
        self.created: set[tuple[str, Any]] = set()  # rows this import created: its own to complete

    def run(self) -> None:
        for n, record in enumerate(self.data["records"]):
            self.record(n, record)
        for n, p, obj, name, ref in self.deferred:
            self.late_ref(n, p, obj, name, ref)

    def error(self, message: str) -> None:
        self.errors.append(message)

    # One record

    def record(self, n: int, record: dict[str, Any]) -> None:
        path = f"$.records[{n}]"
        p = self.by_label[record["model"]]
        key = record["key"]
        if key in self.objects or key in self.refused:
            self.error(f"{path}.key: " + _("The key %(key)s is used twice.") % {"key": repr(key)})
            return
        if n in self.skip:
            self.refused.add(key)
            return
        read = self.values(p, record, path)
        if read is None:
            self.refused.add(key)
            return
        values, later, many = read
        obj = self.find(p, values, path)
        if obj is False:
            self.refused.add(key)
            return
        created = obj is None
        if obj is None:
            obj = p.model(**values)
            changed = list(values)
            self.same_elsewhere(p, values, path)
        else:
            obj = cast(models.Model, obj)
            differing = [name for name, value in values.items() if getattr(obj, name) != value]
            allowed = self.allowed(p, obj, values, differing, path)
            if allowed is None:
                self.refused.add(key)
                return
            changed = allowed
            for name in changed:
                setattr(obj, name, values[name])
        self.deferred += [(n, p, obj, name, ref) for name, ref in later]
        if (changed or created) and p.check is not None:
            broken = p.check(obj)
            if broken:
                self.validation_errors(p, path, ValidationError(broken))
                self.refused.add(key)
                return
        if changed or created:
            try:
                save_validated(obj, self.actor, IMPORT_REASON)
            except ValidationError as error:
                self.validation_errors(p, path, error)
                self.refused.add(key)
                return
        many_changed = self.set_many(p, obj, many)
        if created:
            self.count(p, "created")
        elif changed or many_changed:
            self.count(p, "updated")
        else:
            self.outcome.unchanged += 1
        if created:
            self.created.add((p.label, obj.pk))
        if p.root:
            self.cooperation = obj
        self.objects[key] = obj

    def same_elsewhere(self, p: Part, values: dict[str, Any], path: str) -> None:
        """Warn of a new national record whose business ID (a `distinct` value) another row has."""
        for name in p.distinct:
            value = values.get(name)
            other = None if value in (None, "") else p.model._default_manager.filter(**{name: value}).first()
            if other is not None:
                self.outcome.warnings.append(
                    f"{path}.fields.{name}: "
                    + _(
                        "%(record)s was created, although %(other)s already has the same "
                        "%(field)s (%(value)s)."
                    )
                    % {
                        "record": _("%(model)s “%(name)s”")
                        % {"model": p.model._meta.verbose_name, "name": values.get(p.identity[0])},
                        "field": _verbose(p, name),
                        "value": value,
                        "other": _describe(other),
                    }
                )

    def count(self, p: Part, how: str) -> None:
        setattr(self.outcome, how, getattr(self.outcome, how) + 1)
        self.outcome.by_model[p.label] = self.outcome.by_model.get(p.label, 0) + 1

    def validation_errors(self, p: Part, path: str, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            where = "" if name == "__all__" else f".{_section(p, name)}.{name}"
            self.error(f"{path}{where}: {' '.join(messages)}")

    def values(
        self, p: Part, record: dict[str, Any], path: str
    ) -> tuple[dict[str, Any], list[tuple[str, str]], dict[str, list[models.Model]]] | None:
        """The record's values as the model takes them, the refs to records further on, and the
        many-to-many targets; None when the record cannot be read (its errors are recorded)."""
        values: dict[str, Any] = {}
        later: list[tuple[str, str]] = []
        blocked = False  # refers to a record already refused: its own error says why
        for f in p.fields():
            attribute = p.named(f.name)
            if attribute and f.name in record["fields"]:
                given = record["fields"][f.name]
                related = cast(type[models.Model], f.related_model)
                target = (
                    None if given is None else related._default_manager.filter(**{attribute: given}).first()
                )
                if given is not None and target is None:
                    self.outcome.warnings.append(
                        f"{path}.fields.{f.name}: "
                        + _("%(model)s “%(value)s” is not in this installation: the record was not read.")
                        % {"model": related._meta.verbose_name, "value": given}
                    )
                    return None
                values[f.name] = target
            elif f.is_relation and not attribute:
                ref = record["refs"].get(f.name)
                if ref is None:
                    values[f.name] = None
                elif ref in self.refused:
                    values[f.name] = None
                    blocked = True
                elif ref in self.objects:
                    values[f.name] = self.objects[ref]
                elif f.null:
                    later.append((f.name, ref))
                else:
                    self.error(f"{path}.refs.{f.name}: " + _no_earlier(ref))
                    blocked = True
            elif f.name in record["fields"]:
                try:
                    value = record["fields"][f.name]
                    values[f.name] = None if value is None else f.to_python(value)
                except ValidationError as error:
                    self.error(f"{path}.fields.{f.name}: {' '.join(error.messages)}")
                    blocked = True
        many: dict[str, list[models.Model]] = {}
        for m in p.many():
            if m.name not in record["refs"]:
                continue
            many[m.name] = []
            for ref in record["refs"][m.name]:
                if ref in self.refused:
                    blocked = True
                elif ref in self.objects:
                    many[m.name].append(self.objects[ref])
                else:
                    self.error(f"{path}.refs.{m.name}: " + _no_earlier(ref))
                    blocked = True
        return None if blocked else (values, later, many)

    def find(self, p: Part, values: dict[str, Any], path: str) -> models.Model | bool | None:
        """The row the record is, None for a new one, False when refused (the error recorded)."""
        several = len(p.identities()) > 1
        for names in p.identities():
            lookup = {name: values.get(name) for name in names}
            if several and any(v == "" for v in lookup.values()):
                continue
            if p.across:
                rows: models.QuerySet[Any] | None = p.model._default_manager.all()
            elif self.cooperation is None or self.cooperation.pk is None:
                rows = None  # a new cooperation has no rows yet
            else:
                rows = p.scope(self.cooperation)
            found = None if rows is None else rows.filter(**lookup).first()
            if found is not None:
                return cast(models.Model, found)
        if p.across:
            return None
        # Not the cooperation's own: a unique value already held elsewhere is another cooperation's.
        for f in p.fields():
            value = values.get(f.name)
            if f.unique and not f.is_relation and value not in (None, ""):
                holder = p.model._default_manager.filter(**{f.name: value}).first()
                if holder is not None:
                    self.error(
                        f"{path}.fields.{f.name}: "
                        + _(
                            "%(record)s (%(field)s %(value)s) is another cooperation's: "
                            "a case file cannot change or take it over."
                        )
                        % {"record": _describe(holder), "field": f.verbose_name, "value": value}
                    )
                    return False
        return None

    # What an import may change of a row it matched

    def allowed(
        self, p: Part, obj: models.Model, values: dict[str, Any], differing: list[str], path: str
    ) -> list[str] | None:
        """Of the DIFFERING fields of matched OBJ, those the import changes; None when refused."""
        if not differing:
            return []
        if p.national:
            claimed = [name for name in differing if name in p.claims]
            for name in claimed:
                if not self.may_claim(obj, name, f"{path}.{_section(p, name)}.{name}"):
                    return None
            kept = [name for name in differing if name not in p.claims]
            if kept and not self.keep(p, obj, values, kept, path, None):
                return None
            return claimed
        if p.shared:
            other = self.carried_elsewhere(p, obj)
            if other is not None:
                self.keep(p, obj, values, differing, path, other)
                return []
        return differing

    def may_claim(self, obj: models.Model, name: str, where: str) -> bool:
        old = getattr(obj, name)
        owner = getattr(old, "cooperation_id", None)
        if old is None or owner is None or (self.cooperation is not None and owner == self.cooperation.pk):
            return True
        self.error(
            f"{where}: "
            + _(
                "%(record)s is already in %(target)s of another cooperation (%(cooperation)s): "
                "a case file cannot move it."
            )
            % {"record": _describe(obj), "target": _describe(old), "cooperation": old.cooperation}
        )
        return False

    def keep(
        self, p: Part, obj: models.Model, values: dict[str, Any], names: list[str], path: str, other: Any
    ) -> bool:
        """Leave OBJ as it is and warn of what the file says otherwise; False when what the file says
        breaks the model's own rules (e.g. a municipality's name that is not its code's)."""
        candidate = copy.copy(obj)
        for name in names:
            setattr(candidate, name, values[name])
        if other is None:
            try:
                candidate.full_clean()
            except ValidationError as error:
                self.validation_errors(p, path, error)
                return False
        changes = "; ".join(
            f"{_verbose(p, name)}: {_shown(getattr(obj, name))} → {_shown(values[name])}" for name in names
        )
        if other is None:
            message = _("%(record)s is a shared national record: the import did not change it (%(changes)s).")
        else:
            message = _(
                "%(record)s is also in the records of the cooperation %(other)s: the import did not change "
                "it (%(changes)s)."
            )
        self.outcome.warnings.append(
            f"{path}: " + message % {"record": _describe(obj), "changes": changes, "other": other}
        )
        return True

    def carried_elsewhere(self, p: Part, obj: models.Model) -> Any:
        """Another cooperation whose case file carries OBJ, or None."""
        root = root_part()
        others = root.model._default_manager.order_by("pk")
        if self.cooperation is not None and self.cooperation.pk is not None:
            others = others.exclude(pk=self.cooperation.pk)
        for other in others:
            if other.pk not in self._others:
                self._others[other.pk] = {
                    label: {row.pk for row in rows} for label, rows in chosen(other).items()
                }
            if obj.pk in self._others[other.pk][p.label]:
                return other
        return None

    def set_many(self, p: Part, obj: models.Model, many: dict[str, list[models.Model]]) -> bool:
        changed = False
        for name, targets in many.items():
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
                manager.set(targets)
                changed = True
        return changed

    # A ref to a record further on in the file

    def late_ref(self, n: int, p: Part, obj: models.Model, name: str, ref: str) -> None:
        where = f"$.records[{n}].refs.{name}"
        if ref in self.refused or obj.pk is None:
            return
        if ref not in self.objects:
            self.error(f"{where}: " + _("No record has the key %(key)s.") % {"key": repr(ref)})
            return
        target = self.objects[ref]
        if getattr(obj, name) == target:
            return
        if p.national and name not in p.claims and not self.created_here(obj):
            self.keep(p, obj, {name: target}, [name], f"$.records[{n}]", None)
            return
        if p.national and not self.may_claim(obj, name, where):
            return
        if p.shared and not self.created_here(obj):
            other = self.carried_elsewhere(p, obj)
            if other is not None:
                self.keep(p, obj, {name: target}, [name], f"$.records[{n}]", other)
                return
        setattr(obj, name, target)
        try:
            save_validated(obj, self.actor, IMPORT_REASON)
        except ValidationError as error:
            self.error(f"{where}: {' '.join(error.messages)}")
            return
        if not self.created_here(obj):  # completing a row this import created is part of creating it
            self.outcome.updated += 1

    def created_here(self, obj: models.Model) -> bool:
        return (obj._meta.label_lower, obj.pk) in self.created
