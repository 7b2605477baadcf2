from django.contrib import admin

from .models import Charter, Clause, Comment, Objection, Proposal, Revision, Vote


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["title", "workshop", "created_at"]
    search_fields = ["title", "workshop__code"]


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ["number", "title", "text", "proposal", "outcome", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "charter", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "text", "charter__workshop__code"]
    list_select_related = ["charter"]
    inlines = [RevisionInline]


class VoteInline(admin.TabularInline):
    model = Vote
    fields = ["participant", "choice", "created_at"]
    readonly_fields = fields
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "workshop", "kind", "status", "author", "delegation", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "text", "workshop__code", "author__display_name"]
    list_select_related = ["workshop", "author", "delegation"]
    inlines = [VoteInline]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["proposal", "participant", "choice", "created_at"]
    list_filter = ["choice"]
    search_fields = ["proposal__title", "participant__display_name"]
    list_select_related = ["proposal", "participant"]


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ["proposal", "participant", "status", "principle", "created_at"]
    list_filter = ["status"]
    search_fields = ["reason", "proposal__title"]
    list_select_related = ["proposal", "participant", "principle"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["participant", "stance", "proposal", "clause", "created_at"]
    list_filter = ["stance"]
    search_fields = ["text", "participant__display_name"]
    list_select_related = ["participant", "proposal", "clause"]
