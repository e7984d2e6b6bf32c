"""Platform staff take an organisation's information (the JSON a lead downloads) into
another instance of the service (reports.organisation_import): exported, taken in and
exported again, it is the same document apart from its ids; a document this instance
cannot take is refused and leaves nothing behind; rows that point at what is not here are
left out and counted."""

import io
import json
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth.hashers import is_password_usable
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import DateTimeField
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from accounts.models import User
from action_plans.models import Action, ApprovedVersion
from assessments.models import IndicatorAnswer
from demo.seed import DEMO_PEOPLE, LIVED_EXPERIENCE, demo_seed
from organisations.models import Invitation, Membership, Organisation
from organisations.services import account_close, invitation_create, invitation_revoke
from reports.organisation_data import organisation_data, organisation_paths
from reports.organisation_import import (
    ImportRefused,
    dependency_order,
    natural_key,
    organisation_import,
)
from tests.assessments.factories import CycleFactory, answer_indicator, org_response
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from trauma_wales.audit_text import Names, describe
from trauma_wales.emails import email_deliver
from trauma_wales.former_members import FORMER_MEMBER
from trauma_wales.models import AuditEntry, EmailStatus, OutgoingEmail
from trauma_wales.permissions import Role
from voices.models import FeedbackRound

pytestmark = pytest.mark.django_db

# Text fields that name a row of any table by its label and id.
POINTERS = {"trauma_wales.auditentry": "target_id", "trauma_wales.outgoingemail": "about_id"}
POINTER_TYPES = {"target_id": "target_type", "about_id": "about_type"}


@pytest.fixture
def demo(framework_content):
    return demo_seed()


def _as_file(document: dict) -> dict:
    """The document as the download holds it (DjangoJSONEncoder), read back."""
    return json.loads(json.dumps(document, cls=DjangoJSONEncoder))


def _exported(organisation: Organisation) -> dict:
    return _as_file(organisation_data(organisation=organisation))


def _gone(document: dict) -> None:
    """Take the organisation out of this database, so that the import goes into one
    without it: the organisation and everything that cascades from it, and the accounts
    of every person the document names (none of them belongs to another organisation in
    the demo). Its audit entries stay, under its old id, as the database refuses to delete
    them (and a deleted organisation's history stays on any instance); the new
    organisation gets a new id, so they are not its history."""
    Organisation.objects.get(pk=document["organisation"]["id"]).delete()
    people = [person["id"] for person in document["references"]["accounts.user"]]
    assert not Membership.objects.filter(user_id__in=people).exists()
    User.objects.filter(pk__in=people).delete()


def _links(label: str):
    model = apps.get_model(label)
    return [f for f in model._meta.get_fields() if f.concrete and f.is_relation]


def _not_carried_over(document: dict) -> set:
    """The rows the import must leave out, worked out from the document: emails not sent
    yet, invitations still open, and rows whose required link is to a row outside the
    organisation that has no natural key here (a network: sharing with it was chosen on
    the other instance) or to a row left out."""
    now = timezone.now()
    out = {
        ("trauma_wales.outgoingemail", row["id"])
        for row in document["tables"]["trauma_wales.outgoingemail"]
        if row["status"] == EmailStatus.QUEUED
    } | {
        ("organisations.invitation", row["id"])
        for row in document["tables"]["organisations.invitation"]
        if row["accepted_at"] is None
        and row["revoked_at"] is None
        and parse_datetime(row["expires_at"]) > now
    }
    unmatched = {
        label
        for label in document["references"]
        if label != "accounts.user" and natural_key(apps.get_model(label)) is None
    }
    grown = True
    while grown:
        grown = False
        for label, rows in document["tables"].items():
            required = [f for f in _links(label) if not f.many_to_many and not f.null]
            for row in rows:
                if (label, row["id"]) in out:
                    continue
                for f in required:
                    target = f.related_model._meta.label_lower
                    if target in unmatched or (target, row[f.name]) in out:
                        out.add((label, row["id"]))
                        grown = True
                        break
    return out


def _pointed_at(document: dict, left_out: set) -> set:
    """(label, id) of every row outside the organisation that a row carried over links to."""
    found = set()
    for label, rows in document["tables"].items():
        for row in rows:
            if (label, row["id"]) in left_out:
                continue
            for f in _links(label):
                target = f.related_model._meta.label_lower
                values = row.get(f.name) if f.many_to_many else [row.get(f.name)]
                found |= {(target, value) for value in values or () if value is not None}
    return found


def _renumbered(document: dict, ids: dict, left_out: set) -> dict:
    """Each table's rows by id, every identifier in them (the row's id, its links, its
    many-to-many ids, the ids in text pointers and in an approved plan's copy of its
    actions) put through `ids`; a pointer to a row not carried over becomes empty."""

    def new(label, old):
        return ids[label][old] if ids is not None else old

    tables = {}
    for label, rows in document["tables"].items():
        model = apps.get_model(label)
        renumbered = {}
        for row in rows:
            if (label, row["id"]) in left_out:
                continue
            row = dict(row)
            for name, value in list(row.items()):
                if name == "id":
                    row[name] = new(label, value)
                    continue
                field = model._meta.get_field(name)
                target = field.related_model._meta.label_lower if field.is_relation else None
                if field.many_to_many:
                    row[name] = sorted(new(target, old) for old in value)
                elif field.is_relation and value is not None:
                    row[name] = new(target, value)
                elif isinstance(field, DateTimeField) and value is not None:
                    row[name] = parse_datetime(value)  # "…00.000Z" (under a millisecond) is "…00Z"
            pointer = POINTERS.get(label)
            if pointer and row[pointer] and ids is not None:
                found = ids.get(row[POINTER_TYPES[pointer]], {}).get(int(row[pointer]))
                row[pointer] = "" if found is None else str(found)
            if label == "action_plans.approvedversion":
                row["actions"] = [
                    {**action, "id": new("action_plans.action", action["id"])}
                    for action in row["actions"]
                ]
            renumbered[row["id"]] = row
        tables[label] = renumbered
    return tables


def _extra_history(organisation: Organisation) -> None:
    """What the demo lacks: an email that went, a withdrawn invitation and an open one, a
    member removed (the reviewer: their account stays) and one who closed their account."""
    lead = Membership.objects.get(organisation=organisation, role=Role.LEAD).user
    email_deliver.call(OutgoingEmail.objects.filter(organisation=organisation).order_by("pk")[0].pk)
    withdrawn = invitation_create(
        organisation=organisation, email="withdrawn@example.org", role=Role.BOARD,
        invited_by=lead, base_url="http://testserver/",
    )  # fmt: skip
    invitation_revoke(invitation=withdrawn, actor=lead)
    invitation_create(
        organisation=organisation, email="open@example.org", role=Role.CONTRIBUTOR,
        invited_by=lead, base_url="http://testserver/",
    )  # fmt: skip
    Membership.objects.get(organisation=organisation, user__email=DEMO_PEOPLE[2].email).delete()
    account_close(user=User.objects.get(email=LIVED_EXPERIENCE.email))


def test_exported_imported_and_exported_again_it_is_the_same_document(demo):
    organisation = demo["organisation"]
    _extra_history(organisation)
    before = _exported(organisation)
    left_out = _not_carried_over(before)
    assert {label for label, _id in left_out} >= {
        "trauma_wales.outgoingemail",
        "organisations.invitation",
    }
    assert len(before["tables"]["organisations.invitation"]) == 2  # one withdrawn, kept
    assert any(
        row["status"] == EmailStatus.SENT for row in before["tables"]["trauma_wales.outgoingemail"]
    )
    _gone(before)

    report = organisation_import(document=before)
    after = _exported(report.organisation)

    assert Counter(label for label, _id in left_out) == Counter(
        {label: count for (label, _why), count in report.left_out.items()}
    )
    entry = [
        row
        for row in after["tables"]["trauma_wales.auditentry"]
        if row["action"] == "organisation.imported"
    ]
    assert len(entry) == 1 and entry[0]["details"] == {
        "name": before["organisation"]["name"],
        "exported_at": before["exported_at"],
    }
    after["tables"]["trauma_wales.auditentry"].remove(entry[0])
    # Every row carried over has one new id, and no two share one.
    for label, rows in before["tables"].items():
        kept = [row["id"] for row in rows if (label, row["id"]) not in left_out]
        new_ids = [report.ids[label][old] for old in kept]
        assert sorted(new_ids) == sorted(row["id"] for row in after["tables"][label]), label
        assert len(set(new_ids)) == len(new_ids), label
    assert _renumbered(before, report.ids, left_out) == _renumbered(after, None, set())
    # Outside the organisation: what the rows carried over point at. The framework content
    # is this instance's own rows; the people are new accounts, with the names and
    # addresses the document gave.
    pointed_at = _pointed_at(before, left_out)
    for label, rows in before["references"].items():
        expected = [row for row in rows if (label, row["id"]) in pointed_at]
        if label == "accounts.user":
            expected = [{**row, "id": report.ids[label][row["id"]]} for row in expected]
            assert sorted(expected, key=lambda row: row["id"]) == after["references"][label]
        else:
            assert all(report.ids[label][row["id"]] == row["id"] for row in expected), label
            assert expected == after["references"].get(label, []), label
    assert before["framework_versions"] == after["framework_versions"]
    assert after["organisation"] == {
        "id": report.organisation.pk,
        "name": before["organisation"]["name"],
    }
    assert set(after) == set(before)


def test_what_the_export_leaves_out_is_made_afresh(demo):
    organisation = demo["organisation"]
    _extra_history(organisation)
    before = _exported(organisation)
    tokens_before = set(FeedbackRound.objects.values_list("token", flat=True))
    hashes_before = set(Invitation.objects.values_list("token_hash", flat=True))
    _gone(before)

    report = organisation_import(document=before)

    rounds = FeedbackRound.objects.filter(cycle__organisation=report.organisation)
    assert rounds.count() == 2 and not tokens_before & {r.token for r in rounds}
    assert all(len(r.token) == 16 for r in rounds)
    invitation = Invitation.objects.get(organisation=report.organisation)
    assert invitation.email == "withdrawn@example.org" and invitation.revoked_at is not None
    assert len(invitation.token_hash) == 64 and invitation.token_hash not in hashes_before
    sent = OutgoingEmail.objects.get(organisation=report.organisation)
    assert (sent.status, sent.body) == (EmailStatus.SENT, "")


def test_people_are_found_by_email_address_or_added_without_a_way_in(demo):
    organisation = demo["organisation"]
    _extra_history(organisation)
    before = _exported(organisation)
    lead = User.objects.get(email=DEMO_PEOPLE[0].email)
    removed = User.objects.get(email=DEMO_PEOPLE[2].email)
    Organisation.objects.get(pk=organisation.pk).delete()
    User.objects.exclude(pk__in=[lead.pk, removed.pk]).filter(
        pk__in=[p["id"] for p in before["references"]["accounts.user"]]
    ).delete()
    users_before = User.objects.count()

    report = organisation_import(document=before)

    assert report.ids["accounts.user"][lead.pk] == lead.pk
    assert User.objects.get(pk=lead.pk).has_usable_password()  # the same account, as it was
    assert Membership.objects.get(organisation=report.organisation, user=lead).role == Role.LEAD
    # The removed member's address is not in the document: a new, inactive person.
    stand_in = User.objects.get(pk=report.ids["accounts.user"][removed.pk])
    assert stand_in.pk != removed.pk and stand_in.full_name == removed.full_name
    assert stand_in.email.endswith(".invalid") and not stand_in.is_active
    closed = User.objects.get(closed_at__isnull=False, pk__in=report.ids["accounts.user"].values())
    assert (closed.full_name, closed.is_active, is_password_usable(closed.password)) == (
        "",
        False,
        False,
    )
    with translation.override("cy"):
        assert closed.shown_name == str(FORMER_MEMBER) != "a former member"
    added = User.objects.filter(pk__in=report.ids["accounts.user"].values()).exclude(pk=lead.pk)
    assert all(not u.is_active and not u.has_usable_password() for u in added)
    assert (report.people_found, report.people_added) == (1, added.count())
    assert User.objects.count() == users_before + report.people_added


def _small_document(framework_content) -> dict:
    """An organisation with a lead and a cycle with one answer: quick to build."""
    membership = MembershipFactory(organisation=OrganisationFactory(slug="small-org"))
    cycle = CycleFactory(organisation=membership.organisation)
    answer_indicator(org_response(cycle), "leadership-01", score=3)
    return _exported(membership.organisation)


def _counts() -> dict:
    models = [*organisation_paths(), User]
    return {model._meta.label_lower: model._base_manager.count() for model in models}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="something-else"), "not an organisation's information"),
        (lambda d: d.update(format_version=2), "version 2 of the format"),
        (
            lambda d: d["framework_versions"][0].update(code="tiw-2099"),
            "“tiw-2099”, which this instance does not have",
        ),
        (
            lambda d: d["framework_versions"][0].update(content_hash="0" * 64),
            "has different content here",
        ),
        (lambda d: None, "already has the web address name “small-org”"),
        (
            lambda d: d["tables"]["assessments.indicatoranswer"][0].update(score=9),
            "does not fit this instance's tables",
        ),
    ],
    ids=["format", "format version", "unknown framework", "other content", "slug taken", "bad row"],
)
def test_a_document_this_instance_cannot_take_is_refused_and_leaves_nothing(
    framework_content, change, message
):
    """Into the instance the small organisation is on: under its own web address name the
    import is refused; under another, only what is wrong with the document refuses it.
    A row the tables refuse comes after others went in: they go too."""
    document = _small_document(framework_content)
    change(document)
    slug = None if "web address name" in message else "small-org-copy"
    before = _counts()

    with pytest.raises(ImportRefused, match=message):
        organisation_import(document=document, slug=slug)

    assert _counts() == before


def test_a_slug_given_for_it_is_used_and_a_bad_one_refused(framework_content):
    document = _small_document(framework_content)
    with pytest.raises(ImportRefused, match="cannot be a web address name"):
        organisation_import(document=document, slug="Not a slug!")

    report = organisation_import(document=document, slug="small-org-moved")

    assert report.organisation.slug == "small-org-moved"
    assert report.organisation.name == document["organisation"]["name"]


def test_rows_pointing_at_what_is_not_here_are_left_out_and_counted(demo):
    before = _exported(demo["organisation"])
    indicators = before["references"]["assessments.indicator"]
    missing = next(i for i in indicators if i["code"] == "leadership-01")
    missing["code"] = "not-on-this-instance"
    answers = [
        a
        for a in before["tables"]["assessments.indicatoranswer"]
        if a["indicator"] == missing["id"]
    ]
    linked = [
        a for a in before["tables"]["action_plans.action"] if missing["id"] in a["indicators"]
    ]
    assert answers
    _gone(before)

    report = organisation_import(document=before)

    why = "its indicator (assessments.indicator) is not on this instance"
    assert report.left_out[("assessments.indicatoranswer", why)] == len(answers)
    assert report.imported["assessments.indicatoranswer"] == (
        len(before["tables"]["assessments.indicatoranswer"]) - len(answers)
    )
    dropped = ("action_plans.action", "indicators", "assessments.indicator is not on this instance")
    assert report.emptied[dropped] == len(linked)
    assert not IndicatorAnswer.objects.filter(
        response__cycle__organisation=report.organisation, indicator__code="leadership-01"
    ).exists()
    assert any("not on this instance" in line for line in report.lines())


def test_an_approved_plan_still_compares_with_its_actions(demo):
    before = _exported(demo["organisation"])
    _gone(before)

    report = organisation_import(document=before)

    version = ApprovedVersion.objects.get(plan__cycle__organisation=report.organisation)
    actions = set(Action.objects.filter(plan=version.plan).values_list("pk", flat=True))
    assert {action["id"] for action in version.actions} <= actions


def test_the_entry_reads_in_plain_words_in_both_languages(framework_content):
    document = _small_document(framework_content)
    document["tables"]["organisations.organisation"][0]["slug"] = "small-org-2"
    report = organisation_import(document=document)
    entry = AuditEntry.objects.get(organisation=report.organisation, action="organisation.imported")

    english = str(describe(entry.action, entry.details, Names()).summary)
    with translation.override("cy"):
        welsh = str(describe(entry.action, entry.details, Names()).summary)

    assert document["organisation"]["name"] in english and not english.startswith("Made a change")
    assert welsh != english and document["organisation"]["name"] in welsh


def test_links_that_go_round_in_a_circle_wait_for_their_optional_part():
    needs = {"a": [("b", False)], "b": [("c", False)], "c": [("a", True)], "d": [("d", True)]}
    order, put_off = dependency_order(["a", "b", "c", "d"], lambda node: needs[node])
    assert put_off == {("c", "a"), ("d", "d")}
    assert order.index("c") < order.index("b") < order.index("a")

    with pytest.raises(ImportRefused, match="in a circle"):
        dependency_order(["a", "b"], lambda node: [("b" if node == "a" else "a", False)])


def test_the_command_imports_a_file_and_prints_what_it_did(demo, tmp_path):
    """Into the same instance, beside the original, under another web address name: the
    people are the same accounts."""
    document = organisation_data(organisation=demo["organisation"])
    path = tmp_path / "organisation.json"
    path.write_text(json.dumps(document, cls=DjangoJSONEncoder))
    answers = len(document["tables"]["assessments.indicatoranswer"])
    queued = len(document["tables"]["trauma_wales.outgoingemail"])
    out = io.StringIO()

    call_command("import_organisation_data", str(path), "--slug", "cwm-afon-copy", stdout=out)

    copy = Organisation.objects.get(slug="cwm-afon-copy")
    printed = out.getvalue()
    assert "/o/cwm-afon-copy/" in printed
    assert f"assessments.indicatoranswer: {answers}\n" in printed
    assert f"trauma_wales.outgoingemail: {queued} (not sent yet" in printed
    with_address = [p for p in document["references"]["accounts.user"] if p["email"]]
    assert f"People: {len(with_address)} found here" in printed
    members = Membership.objects.filter(organisation=copy).values_list("user_id", flat=True)
    original = Membership.objects.filter(organisation=demo["organisation"])
    assert sorted(members) == sorted(original.values_list("user_id", flat=True))


def test_the_command_refuses_with_the_reason(demo, tmp_path):
    path = tmp_path / "organisation.json"
    path.write_text(
        json.dumps(organisation_data(organisation=demo["organisation"]), cls=DjangoJSONEncoder)
    )
    not_json = tmp_path / "notes.txt"
    not_json.write_text("Just some notes")
    organisations = Organisation.objects.count()

    with pytest.raises(CommandError, match="already has the web address name"):
        call_command("import_organisation_data", str(path))
    with pytest.raises(CommandError, match="is not a JSON document"):
        call_command("import_organisation_data", str(not_json))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_organisation_data", str(tmp_path / "missing.json"))
    assert Organisation.objects.count() == organisations
