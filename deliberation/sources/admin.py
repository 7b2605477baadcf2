from django.contrib import admin

from .models import AlignmentJudgement, Principle, SourceDocument


class PrincipleInline(admin.TabularInline):
    model = Principle
    fields = ["title", "slug", "status", "start", "end"]
    readonly_fields = ["start", "end"]
    extra = 0
    show_change_link = True


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "principle_count", "created_at"]
    search_fields = ["title", "author", "text"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PrincipleInline]

    @admin.display(description="Principles")
    def principle_count(self, document):
        return document.principles.count()


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["title", "document", "status", "start", "end"]
    list_filter = ["status", "document"]
    search_fields = ["title", "summary", "quote"]
    list_select_related = ["document"]


@admin.register(AlignmentJudgement)
class AlignmentJudgementAdmin(admin.ModelAdmin):
    list_display = [
        "principle",
        "verdict",
        "stance",
        "participant",
        "clause",
        "proposal",
        "created_at",
    ]
    list_filter = ["verdict", "stance"]
    search_fields = ["note", "principle__title", "participant__display_name"]
    list_select_related = ["principle", "participant", "clause", "proposal"]
    raw_id_fields = ["clause", "proposal", "participant", "principle"]
