"""What the API reads out. Plain, flat representations of the records with their natural keys (codes,
business IDs) beside database ids; no serializer writes: writes go through the apps' own forms and
services (api.writes), which hold the rules."""

from __future__ import annotations

from rest_framework import serializers

from agreements.models import Agreement, Signature, Version
from costs.models import DevelopmentDay, Invoice
from decisions.models import AgendaItem, Meeting, Notification
from governance.models import Membership, SteeringGroup
from organisations.models import Cooperation, EmploymentArea, Municipality, Organisation, Participation
from staffing.models import ClientLine, Objective, StaffingReview, StaffLine


class ParticipationSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")

    class Meta:
        model = Participation
        fields = ["organisation", "joined_on", "left_on", "names_vice_chair"]


class CooperationSerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    participations = ParticipationSerializer(many=True, read_only=True)

    class Meta:
        model = Cooperation
        fields = ["id", "code", "name_fi", "name_sv", "areas", "participations"]


class AreaSerializer(serializers.ModelSerializer):
    cooperation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    employment_authority = serializers.IntegerField(source="employment_authority_id", allow_null=True)

    class Meta:
        model = EmploymentArea
        fields = ["id", "code", "name_fi", "name_sv", "cooperation", "employment_authority"]


class MunicipalitySerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Municipality
        fields = ["code", "name_fi", "name_sv", "area"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "kind", "name_fi", "name_sv", "business_id"]


class SeatSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.__str__")
    organisation = serializers.IntegerField(source="organisation_id")
    represents = serializers.IntegerField(source="represents_id", allow_null=True)
    deputy_of = serializers.IntegerField(source="deputy_of_id", allow_null=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = [
            "id",
            "person",
            "organisation",
            "represents",
            "capacity",
            "role",
            "deputy_of",
            "start_date",
            "end_date",
            "end_reason",
            "serves_until_successor",
            "current",
        ]

    def get_current(self, seat: Membership) -> bool:
        return seat.in_force_on(self.context["on"])


class GroupSerializer(serializers.ModelSerializer):
    cooperation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SteeringGroup
        fields = [
            "id",
            "cooperation",
            "name",
            "set_up_by",
            "set_up_on",
            "set_up_reference",
            "term_start",
            "term_end",
        ]


class GroupDetailSerializer(GroupSerializer):
    seats = SeatSerializer(source="memberships", many=True, read_only=True)

    class Meta(GroupSerializer.Meta):
        fields = [*GroupSerializer.Meta.fields, "seats"]


class FindingSerializer(serializers.Serializer):
    rule = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    title = serializers.CharField()
    message = serializers.CharField()
    citation = serializers.CharField()


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "number",
            "date",
            "starts_at",
            "place",
            "remote",
            "checked_on",
            "published_on",
        ]


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "recipient", "method", "consent", "sent_on", "proven_receipt_on"]


class DecisionSerializer(serializers.ModelSerializer):
    """A section of the minutes. Texts as the caller may read them: a signed-in caller with rights sees
    them whole; the public sees published ones, with personal data removed after the period."""

    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    meeting = serializers.IntegerField(source="meeting_id")
    title = serializers.SerializerMethodField()
    proposal = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    last_day_of_appeal = serializers.SerializerMethodField()
    final_on = serializers.SerializerMethodField()
    personal_data_removed_on = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "body",
            "meeting",
            "year",
            "number",
            "title",
            "proposal",
            "decision",
            "outcome",
            "decided_on",
            "public",
            "last_day_of_appeal",
            "final_on",
            "personal_data_removed_on",
        ]

    def _text(self, item: AgendaItem, name: str) -> str | None:
        return self.context["text"](item, name)

    def get_title(self, item: AgendaItem) -> str | None:
        return self._text(item, "title")

    def get_proposal(self, item: AgendaItem) -> str | None:
        return self._text(item, "proposal")

    def get_decision(self, item: AgendaItem) -> str | None:
        return self._text(item, "decision")

    def get_last_day_of_appeal(self, item: AgendaItem) -> str | None:
        day = self.context["status"](item).last_day
        return day.isoformat() if day else None

    def get_final_on(self, item: AgendaItem) -> str | None:
        day = self.context["status"](item).final_on
        return day.isoformat() if day else None

    def get_personal_data_removed_on(self, item: AgendaItem) -> str | None:
        day = self.context["status"](item).personal_data_removed_on
        return day.isoformat() if day else None


class SignatureSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")
    signatory = serializers.CharField(source="signatory.name_as_written")
    organisation = serializers.IntegerField(source="signatory.party.organisation_id")

    class Meta:
        model = Signature
        fields = ["id", "version", "signatory", "organisation", "signed_on", "esignature_reference"]


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Version
        fields = ["number", "kind", "description", "created_on"]


class AgreementSerializer(serializers.ModelSerializer):
    cooperation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parties = serializers.SerializerMethodField()
    versions = VersionSerializer(many=True, read_only=True)
    signatures = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "cooperation",
            "title",
            "status",
            "approved_on",
            "in_force_from",
            "ends_on",
            "end_reason",
            "parties",
            "versions",
            "signatures",
        ]

    def get_parties(self, agreement: Agreement) -> list[dict]:
        return [
            {
                "organisation": p.organisation_id,
                "name": p.organisation.name_fi,
                "business_id": p.organisation.business_id,
            }
            for p in agreement.parties.all()
        ]

    def get_signatures(self, agreement: Agreement) -> list[dict]:
        rows = [s for v in agreement.versions.all() for s in v.signatures.all()]
        return SignatureSerializer(rows, many=True).data


class ObjectiveSerializer(serializers.ModelSerializer):
    group = serializers.IntegerField(source="group_id")
    national_objectives = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    responsible = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = [
            "id",
            "group",
            "year",
            "title",
            "description",
            "status",
            "set_on",
            "national_objectives",
            "responsible",
        ]


class StaffLineSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")
    municipality = serializers.CharField(source="municipality.code")

    class Meta:
        model = StaffLine
        fields = ["organisation", "job_title", "municipality", "headcount", "fte"]


class ClientLineSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id")
    municipality = serializers.CharField(source="municipality.code")

    class Meta:
        model = ClientLine
        fields = ["organisation", "municipality", "clients"]


class StaffingSerializer(serializers.ModelSerializer):
    group = serializers.IntegerField(source="group_id")
    staff = StaffLineSerializer(source="staff_lines", many=True, read_only=True)
    clients = ClientLineSerializer(source="client_lines", many=True, read_only=True)

    class Meta:
        model = StaffingReview
        fields = ["id", "group", "year", "adequate", "reasons", "measures", "assessed_on", "staff", "clients"]


class InvoiceSerializer(serializers.ModelSerializer):
    debtor = serializers.IntegerField(source="debtor_id")
    creditor = serializers.IntegerField(source="creditor_id")
    # A credit note (#32 item 4) takes back the invoice it names, for its whole amount: without the
    # kind a client would add it to the debt instead of subtracting it.
    credits = serializers.CharField(source="credits.number", allow_null=True, read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "number",
            "kind",
            "credits",
            "reason",
            "debtor",
            "creditor",
            "registrations",
            "share",
            "amount",
            "due_date",
            "status",
        ]


class DaySerializer(serializers.ModelSerializer):
    group = serializers.IntegerField(source="group_id")
    invoices = InvoiceSerializer(many=True, read_only=True)

    class Meta:
        model = DevelopmentDay
        fields = ["id", "group", "date", "place", "title", "status", "invoices"]
