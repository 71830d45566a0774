"""Tags in the admin: taggit's tag list and merge action, plus each tag's English name."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from practices.models import TagEnglishName


class TagEnglishNameInline(admin.StackedInline):
    model = TagEnglishName
    extra = 1
    max_num = 1


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """taggit's admin without its generic tagged-item inline (our cases use TaggedPractice)."""

    inlines = [TagEnglishNameInline]
    list_display = ["name", "english_name", "slug"]
    search_fields = ["name", "english_name__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("english_name")

    @admin.display(description=_("英文名称"), ordering="english_name__name")
    def english_name(self, obj):
        try:
            return obj.english_name.name
        except TagEnglishName.DoesNotExist:
            return "—"
