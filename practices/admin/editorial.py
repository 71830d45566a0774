"""The editorial workflow in the admin: history, restore, recover and the review panel.

PracticeAdmin inherits EditorialAdmin; everything here is about keeping editors' work and
deciding what goes public, so the case admin itself stays about the case's fields.
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from practices.editorial.history import Snapshot, case_versions, compare, keep_before_delete, register_history
from practices.editorial.locking import VersionLockedPracticeForm
from practices.editorial.rules import PUBLIC_STATUSES, may_publish
from practices.editorial.workflow import ReviewForm, audit, record_status_change
from practices.models import Practice

# Passed from the restore views to changeform_view through extra_context.
KEEP_VERSION = "_keep_version"


def id_or_none(text):
    """An id typed in an address as a number, or None: ASCII digits only (int() also takes "٣" and "１",
    the database neither, and "²".isdigit() is true)."""
    text = unquote(str(text))
    return int(text) if text.isascii() and text.isdigit() else None


def id_or_404(text):
    """An id typed in an address as a number; anything else is a page that does not exist."""
    number = id_or_none(text)
    if number is None:
        raise Http404
    return number


class EditorialAdmin(VersionAdmin):
    """Versioned case admin: every save is a revision; saves of stale forms are refused."""

    form = VersionLockedPracticeForm
    object_history_template = "admin/practices/practice/object_history.html"
    revision_form_template = "admin/practices/practice/revision_form.html"
    recover_form_template = "admin/practices/practice/revision_form.html"

    def __init__(self, *args, **kwargs):
        # The admin is set up before our AppConfig.ready(); register first, or VersionAdmin would
        # auto-register the case without its tags.
        register_history()
        super().__init__(*args, **kwargs)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        workflow_urls = [
            path("<int:pk>/review/", self.admin_site.admin_view(self.review_view), name=f"{prefix}_review"),
            path("<int:pk>/history/compare/", self.admin_site.admin_view(self.compare_view), name=f"{prefix}_compare"),
        ]
        return workflow_urls + super().get_urls()

    def get_object(self, request, object_id, from_field=None):
        # The admin's own views (change, delete, history) find nothing for an id that is not a number.
        if from_field is None and id_or_none(object_id) is None:
            return None
        return super().get_object(request, object_id, from_field)

    # Saving and deleting.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        with self.create_revision(request):
            if request.method == "GET":
                self._keep_baseline(id_or_none(object_id))
            return super().change_view(request, object_id, form_url, extra_context)

    def _keep_baseline(self, pk):
        """A case made outside the admin (import, demo) gets its first version when first opened here,
        so a later stale save can still be shown what changed since."""
        case = Practice.objects.filter(pk=pk).first() if pk is not None else None
        if case is not None and not case_versions(pk).exists():
            reversion.add_to_revision(case)
            reversion.set_comment(str(_("首次在后台打开时的内容")))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        context = dict(extra_context or {})
        keep = context.pop(KEEP_VERSION, None)
        if keep is not None:
            # Reverting wrote the old revision's version number; the lock must compare with the live one.
            Practice.objects.filter(pk=unquote(object_id)).update(version=keep)
        return super().changeform_view(request, object_id, form_url, context)

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin would fold everything an action saves into one revision, so restoring one case
        # would restore the whole batch; the workflow steps make one revision per case instead.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:
            record_status_change(request.user, obj, form.initial.get("status") or Practice.Status.DRAFT)

    def delete_model(self, request, obj):
        keep_before_delete(obj, request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            keep_before_delete(obj, request.user)
        super().delete_queryset(request, queryset)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and not (context.get("revert") or context.get("recover")):
            context["review_form"] = ReviewForm(user=request.user, practice=obj)
            context["review_comments"] = obj.review_comments.select_related("author")
        if context.get("revert") or context.get("recover"):
            self._offer_to_drop_lost_pictures(request, context)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def _offer_to_drop_lost_pictures(self, request, context):
        """A version may name pictures whose files were deleted since: tick their "delete" and say so, so
        saving restores everything else."""
        lost = []
        for inline in context.get("inline_admin_formsets", []):
            for form in inline.formset.initial_forms:
                if getattr(form, "file_is_gone", False):
                    form.fields["DELETE"].initial = True
                    lost.append(form.instance.alt_text)
        if lost:
            messages.warning(
                request,
                _("这个版本中的这些图片文件已不存在，无法恢复，已勾选“删除”：%(pictures)s。保存即恢复其余内容。")
                % {"pictures": "、".join(lost)},
            )

    def save_formset(self, request, form, formset, change):
        lost = [f.instance.alt_text for f in formset.deleted_forms if getattr(f, "file_is_gone", False)]
        super().save_formset(request, form, formset, change)
        if lost:
            messages.warning(
                request, _("这些图片的文件已不存在，没有恢复：%(pictures)s。") % {"pictures": "、".join(lost)}
            )

    # Review.

    def review_view(self, request, pk):
        """Take a review step from the panel under the case; a refusal keeps the typed note on screen."""
        practice = get_object_or_404(Practice, pk=pk)
        if not self.has_view_or_change_permission(request, practice):
            raise PermissionDenied
        change_url = reverse("admin:practices_practice_change", args=[pk])
        if request.method != "POST":
            return redirect(change_url)
        form = ReviewForm(request.POST, user=request.user, practice=practice)
        if form.is_valid() and (case := form.save()) is not None:
            step = dict(form.actions)[form.cleaned_data["action"]]
            done = _("已完成“%(step)s”：%(title)s") % {"step": step, "title": case}
            self.message_user(request, done, messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": practice,
            "title": _("审核操作没有完成"),
            "review_form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/practices/practice/review_refused.html", context)

    # History.

    def history_view(self, request, object_id, extra_context=None):
        practice = get_object_or_404(Practice, pk=id_or_404(object_id))
        versions = []
        for version in case_versions(practice.pk):
            data = version.field_dict
            versions.append(
                {
                    "version": version,
                    "number": data.get("version"),
                    "status": Practice.Status(data["status"]).label if data.get("status") else "",
                    "restore_url": reverse("admin:practices_practice_revision", args=[practice.pk, version.pk]),
                }
            )
        context = {
            "versions": versions,
            "compare_url": reverse("admin:practices_practice_compare", args=[practice.pk]),
            **(extra_context or {}),
        }
        # Skip VersionAdmin's list: ours adds numbers, statuses and comparison.
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def compare_view(self, request, pk):
        """A readable diff between two revisions of a case, or a revision and the case as it is now."""
        practice = get_object_or_404(Practice, pk=pk)
        if not self.has_view_or_change_permission(request, practice):
            raise PermissionDenied
        history_url = reverse("admin:practices_practice_history", args=[pk])
        states = []
        for key in ("from", "to"):
            chosen = request.GET.get(key, "current")
            if chosen == "current":
                states.append((_("当前内容"), Snapshot.of_case(practice)))
                continue
            number = id_or_none(chosen)
            version = case_versions(pk).filter(pk=number).first() if number is not None else None
            if version is None:
                messages.error(request, _("找不到要比较的版本“%(id)s”，请在列表中重新选择。") % {"id": chosen[:20]})
                return redirect(history_url)
            states.append((self._version_label(version), Snapshot.of_version(version)))
        (old_label, old), (new_label, new) = states
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": practice,
            "title": _("比较版本：%(title)s") % {"title": practice.title},
            "old_label": old_label,
            "new_label": new_label,
            "changes": compare(old, new),
            "history_url": history_url,
        }
        return TemplateResponse(request, "admin/practices/practice/compare.html", context)

    @staticmethod
    def _version_label(version):
        when = formats.date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
        number = version.field_dict.get("version")
        return _("第 %(number)s 版（%(when)s）") % {"number": number, "when": when}

    # Restore and recover.

    def _restore_refusal(self, request, version, live):
        """Why this user may not bring back `version`, or None: only reviewers touch what is or would be public."""
        if may_publish(request.user):
            return None
        if live is not None and live.status in PUBLIC_STATUSES:
            return _("这个案例已经公开，只有审核人可以恢复它的旧版本。")
        if version.field_dict.get("status") in PUBLIC_STATUSES:
            return _("这个版本处于“已发布”或“已归档”状态，恢复后会直接公开；只有审核人可以恢复，请联系审核人。")
        return None

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = str(id_or_404(object_id))
        version = get_object_or_404(case_versions(object_id), pk=id_or_404(version_id))
        with transaction.atomic():
            live = get_object_or_404(Practice.objects.select_for_update(), pk=object_id)
            refusal = self._restore_refusal(request, version, live)
            if refusal:
                messages.error(request, refusal)
                return redirect("admin:practices_practice_history", object_id)
            context = {**(extra_context or {}), KEEP_VERSION: live.version}
            response = super().revision_view(request, object_id, version_id, context)
            # The restore was saved only if the locked row moved on by one version (a refusal redirects too).
            restored = Practice.objects.filter(pk=object_id, version=live.version + 1).first()
            if request.method == "POST" and restored is not None:
                audit(request.user, restored, _("恢复为%(label)s") % {"label": self._version_label(version)})
        return response

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_for_model(Practice), pk=id_or_404(version_id))
        if Practice.objects.filter(pk=version.object_id).exists():
            messages.info(request, _("这个案例没有被删除，可以在它的“历史”中恢复旧版本。"))
            return redirect("admin:practices_practice_change", version.object_id)
        refusal = self._restore_refusal(request, version, None)
        if refusal:
            messages.error(request, refusal)
            return redirect("admin:practices_practice_recoverlist")
        with transaction.atomic():
            response = super().recover_view(request, version_id, extra_context)
            recovered = Practice.objects.filter(pk=version.object_id).first()
            if request.method == "POST" and recovered is not None:
                audit(request.user, recovered, _("恢复已删除的案例"))
        return response
