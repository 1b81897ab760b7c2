from django.contrib import admin

from organisations.admin import HistoryAdmin
from staffing.models import (
    ClientLine,
    Indicator,
    Measurement,
    NationalObjective,
    Objective,
    StaffingReview,
    StaffLine,
)


@admin.register(NationalObjective)
class NationalObjectiveAdmin(HistoryAdmin):
    list_display = ["code", "title_fi", "is_example"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    show_change_link = True


@admin.register(Objective)
class ObjectiveAdmin(HistoryAdmin):
    list_display = ["title", "group", "year", "status", "is_example"]
    list_filter = ["year", "status"]
    filter_horizontal = ["national_objectives", "responsible"]
    inlines = [IndicatorInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["name", "objective", "baseline", "target"]
    inlines = [MeasurementInline]


class StaffLineInline(admin.TabularInline):
    model = StaffLine
    extra = 0


class ClientLineInline(admin.TabularInline):
    model = ClientLine
    extra = 0


@admin.register(StaffingReview)
class StaffingReviewAdmin(HistoryAdmin):
    list_display = ["group", "year", "adequate", "assessed_on", "is_example"]
    inlines = [StaffLineInline, ClientLineInline]
