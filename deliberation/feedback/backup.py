"""Whole-workshop backup and restore: one JSON file that imports back to an identical workshop.

What the file holds (decided here, kept generic so that models other apps add are included):
- **objects**: everything a cascade delete of the workshop would remove (Django admin's
  NestedObjects), the workshop included, live-event log too; many-to-many links travel in
  their owner's fields. This is the workshop's own data, display names included: a backup is
  for restoring, not for research (use the pseudonymised exports for that).
- **shared**: what those objects point at but do not own, followed transitively: the
  facilitator's user account (username, names, e-mail and active flag only; never the password
  hash, permissions or staff flags), the source documents with all their principles (so the
  restored charter aligns the same way), and anything else referenced.

Import runs in one transaction. It refuses a file whose workshop code already exists, and a
file whose owned rows would overwrite rows already in the database (their ids are kept so a
second export is byte-identical). Shared rows are matched to what the database already holds
(a user by username, a document by slug, a principle by document and slug) and reused as they
are; missing ones are created, users with an unusable password and no staff rights.
"""

import datetime
import json
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction

from deliberation.core.errors import ActionRefused
from deliberation.sources.models import SourceDocument
from deliberation.workshops.models import Workshop, normalise_join_code

from .exports import workshop_objects

FORMAT = "charter-room-workshop-backup"
VERSION = 1
USER_FIELDS = ("username", "first_name", "last_name", "email", "is_active")
# How a shared row is recognised in another database; others are recognised by id.
IDENTITY = {
    settings.AUTH_USER_MODEL.lower(): ("username",),
    "sources.sourcedocument": ("slug",),
    "sources.principle": ("document", "slug"),
}


class BackupRefused(ActionRefused):
    status_code = 400


def _label(model) -> str:
    return model._meta.label_lower


def _key(instance: models.Model) -> tuple[str, object]:
    return (_label(type(instance)), instance.pk)


def _references(instance: models.Model) -> list[tuple[type[models.Model], object]]:
    found = []
    for f in type(instance)._meta.concrete_fields:
        if f.is_relation and getattr(instance, f.attname) is not None:
            found.append((f.related_model, getattr(instance, f.attname)))
    for f in type(instance)._meta.many_to_many:
        for pk in getattr(instance, f.name).values_list("pk", flat=True):
            found.append((f.related_model, pk))
    return found


def shared_objects(owned: list[models.Model]) -> list[models.Model]:
    """What the owned objects reference, transitively; a document brings all its principles."""
    known = {_key(o) for o in owned}
    shared: dict[tuple[str, object], models.Model] = {}
    pending = [ref for instance in owned for ref in _references(instance)]
    while pending:
        wanted: dict[type[models.Model], set] = defaultdict(set)
        for model, pk in pending:
            if (_label(model), pk) not in known and (_label(model), pk) not in shared:
                wanted[model].add(pk)
        pending = []
        for model, pks in wanted.items():
            for instance in model._base_manager.filter(pk__in=pks):
                shared[_key(instance)] = instance
                if model is not apps.get_model(settings.AUTH_USER_MODEL):
                    pending.extend(
                        (m, pk) for m, pk in _references(instance) if m is not type(instance)
                    )
                if model is SourceDocument:
                    pending.extend((type(p), p.pk) for p in instance.principles.all())
    return [shared[key] for key in sorted(shared, key=lambda k: (k[0], k[1]))]


def _serialise(instances: list[models.Model]) -> list[dict]:
    user_label = settings.AUTH_USER_MODEL.lower()
    items = serializers.serialize("python", instances)
    for item in items:
        if item["model"] == user_label:
            item["fields"] = {k: item["fields"][k] for k in USER_FIELDS}
        for name, value in item["fields"].items():
            if isinstance(value, list):  # many-to-many: a stable order whatever the query's
                item["fields"][name] = sorted(value, key=str)
    return items


def workshop_backup(workshop: Workshop) -> dict:
    owned = workshop_objects(workshop)
    return {
        "format": FORMAT,
        "version": VERSION,
        "workshop": workshop.code,
        "shared": _serialise(shared_objects(owned)),
        "objects": _serialise(owned),
    }


class BackupEncoder(DjangoJSONEncoder):
    """Times to the microsecond, always with the fraction.

    DjangoJSONEncoder cuts times to milliseconds and drops a zero fraction, so a time such as
    12:00:00.000412 would come back as 12:00:00 and export as "12:00:00Z" instead of
    "12:00:00.000Z": the restored workshop would differ from the one backed up.
    """

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat(timespec="microseconds")
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat(timespec="microseconds")
        return super().default(o)


def workshop_backup_json(workshop: Workshop) -> str:
    return (
        json.dumps(workshop_backup(workshop), cls=BackupEncoder, indent=2, ensure_ascii=False)
        + "\n"
    )


# Restore -------------------------------------------------------------------------------------


def _model(item: dict) -> type[models.Model]:
    try:
        return apps.get_model(item["model"])
    except (LookupError, KeyError, ValueError, TypeError):
        raise BackupRefused(
            f"The file names an unknown kind of record: {item.get('model')!r}."
        ) from None


def _remap(item: dict, remap: dict[tuple[str, object], object]) -> dict:
    """The item with its references to shared rows pointed at their ids in this database."""
    model = _model(item)
    fields = dict(item["fields"])
    for name, value in fields.items():
        try:
            f = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise BackupRefused(
                f"{item['model']} has no field {name!r}; is the file from a newer version?"
            ) from None
        if not f.is_relation or value is None:
            continue
        label = _label(f.related_model)
        if f.many_to_many:
            fields[name] = [remap.get((label, v), v) for v in value]
        else:
            fields[name] = remap.get((label, value), value)
    return {**item, "fields": fields}


def _find_shared(model, item: dict, remap) -> models.Model | None:
    label = _label(model)
    names = IDENTITY.get(label)
    if names is None:
        return model._base_manager.filter(pk=item["pk"]).first()
    lookup = {}
    for name in names:
        value = item["fields"].get(name)
        f = model._meta.get_field(name)
        if f.is_relation:
            name, value = f.attname, remap.get((_label(f.related_model), value), value)
        lookup[name] = value
    return model._base_manager.filter(**lookup).first()


def _restore_shared(items: list[dict], remap: dict) -> set[type[models.Model]]:
    user_label = settings.AUTH_USER_MODEL.lower()
    created: set[type[models.Model]] = set()
    # Documents before principles, whatever the file's order: follow the dependencies.
    order = {user_label: 0, "sources.sourcedocument": 1, "sources.principle": 2}
    for item in sorted(items, key=lambda i: order.get(i["model"], 3)):
        model = _model(item)
        existing = _find_shared(model, item, remap)
        if existing is not None:
            remap[(item["model"], item["pk"])] = existing.pk
            continue
        old_pk = item["pk"]
        item = _remap(item, remap)
        if model._base_manager.filter(pk=item["pk"]).exists():
            item = {**item, "pk": None}  # the id is taken by something else: take a new one
        if item["model"] == user_label:
            user = model(pk=item["pk"], **{k: item["fields"].get(k, "") for k in USER_FIELDS})
            user.set_unusable_password()
            user.save()
            new_pk = user.pk
        else:
            [obj] = serializers.deserialize("python", [item])
            obj.save()
            new_pk = obj.object.pk
        remap[(item["model"], old_pk)] = new_pk
        created.add(model)
    return created


@transaction.atomic
def workshop_restore(data: dict) -> Workshop:
    """Recreate the workshop of a backup file in this database; BackupRefused if it can't."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupRefused("This is not a Charter Room workshop backup.")
    if data.get("version") != VERSION:
        raise BackupRefused(
            f"This backup has version {data.get('version')}; this Charter Room reads {VERSION}."
        )
    objects, shared = data.get("objects") or [], data.get("shared") or []
    workshops = [item for item in objects if item.get("model") == "workshops.workshop"]
    if len(workshops) != 1:
        raise BackupRefused("The backup must hold exactly one workshop.")
    code = normalise_join_code(str(workshops[0]["fields"].get("code", "")))
    if Workshop.objects.filter(code=code).exists():
        raise BackupRefused(
            f"A workshop with the code {code} already exists here. Delete it first, or restore "
            "into another database."
        )
    taken = []
    for item in objects:
        model = _model(item)
        if model._base_manager.filter(pk=item["pk"]).exists():
            taken.append(f"{item['model']} {item['pk']}")
    if taken:
        raise BackupRefused(
            "Restoring would overwrite rows this database already holds ("
            + ", ".join(taken[:5])
            + (", …" if len(taken) > 5 else "")
            + "). Restore into an empty database, or one the workshop was deleted from."
        )
    remap: dict[tuple[str, object], object] = {}
    try:
        touched = _restore_shared(shared, remap)
        for obj in serializers.deserialize("python", [_remap(item, remap) for item in objects]):
            obj.save()
            touched.add(type(obj.object))
        # Rows were written with their ids: move the sequences past them (as loaddata does).
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(touched)):
                cursor.execute(statement)
        connection.check_constraints(table_names=[m._meta.db_table for m in touched])
    except (DeserializationError, IntegrityError, ValidationError) as error:
        raise BackupRefused(f"The backup could not be restored: {error}") from None
    return Workshop.objects.get(code=code)


def workshop_restore_json(text: str) -> Workshop:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BackupRefused(f"The file is not valid JSON: {error}.") from None
    return workshop_restore(data)
