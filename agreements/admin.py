from django.contrib import admin

from agreements.models import (
    Agreement,
    AgreementParty,
    Annex,
    AnnexVersion,
    Dispute,
    Notice,
    NoticeDelivery,
    PartyApproval,
    Section,
    Signatory,
    Signature,
    TopicSection,
    Version,
)
from organisations.admin import HistoryAdmin


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    show_change_link = True


class TopicSectionInline(admin.TabularInline):
    model = TopicSection
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(HistoryAdmin):
    list_display = ["title", "cooperation", "status", "in_force_from", "ends_on"]
    list_select_related = ["cooperation"]
    list_filter = ["status"]
    readonly_fields = ["status", "in_force_from"]  # moved only by the services' explicit transitions
    inlines = [PartyInline, VersionInline, TopicSectionInline]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0


@admin.register(Version)
class VersionAdmin(HistoryAdmin):
    list_display = ["agreement", "number", "kind", "created_on"]
    inlines = [SectionInline]


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


class ApprovalInline(admin.StackedInline):
    model = PartyApproval
    extra = 0


@admin.register(AgreementParty)
class AgreementPartyAdmin(HistoryAdmin):
    list_display = ["organisation", "agreement"]
    inlines = [ApprovalInline, SignatoryInline]


@admin.register(Signature)
class SignatureAdmin(HistoryAdmin):
    list_display = ["signatory", "version", "signed_on", "signer_name"]
    # What a signed PDF's validation found (#30) is evidence: shown, never edited by hand.
    readonly_fields = [
        "signer_name",
        "signed_at",
        "certificate_issuer",
        "validation_report",
        "signed_pdf_sha256",
    ]


class AnnexVersionInline(admin.TabularInline):
    model = AnnexVersion
    extra = 0


@admin.register(Annex)
class AnnexAdmin(HistoryAdmin):
    list_display = ["agreement", "number", "title"]
    inlines = [AnnexVersionInline]


class DeliveryInline(admin.TabularInline):
    model = NoticeDelivery
    extra = 0


@admin.register(Notice)
class NoticeAdmin(HistoryAdmin):
    list_display = ["agreement", "from_party", "dated_on"]
    inlines = [DeliveryInline]


@admin.register(Dispute)
class DisputeAdmin(HistoryAdmin):
    list_display = ["agreement", "requested_by", "requested_to", "requested_on", "resolved_on"]
