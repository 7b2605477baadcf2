from django.contrib import admin

from .models import Delegation, Participant, Workshop


class DelegationInline(admin.TabularInline):
    model = Delegation
    fields = ["name", "colour", "has_veto", "position"]
    extra = 0
    show_change_link = True


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "code",
        "phase",
        "rule_kind",
        "is_template",
        "is_archived",
        "created_by",
        "created_at",
    ]
    list_filter = ["phase", "rule_kind", "is_template", "is_archived"]
    search_fields = ["title", "code"]
    list_select_related = ["created_by"]
    inlines = [DelegationInline]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop", "has_veto", "head"]
    list_filter = ["has_veto"]
    search_fields = ["name", "workshop__title", "workshop__code"]
    filter_horizontal = ["principles"]
    list_select_related = ["workshop", "head"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "workshop", "delegation", "role", "is_present", "created_at"]
    list_filter = ["role", "is_present"]
    search_fields = ["display_name", "workshop__title", "workshop__code"]
    list_select_related = ["workshop", "delegation"]
