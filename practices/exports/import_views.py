"""The admin import page: upload a CSV or XLSX, see the dry run, then confirm to write it."""

import base64
import hashlib
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practices.exports.imports import ImportFileError, plan_import
from practices.models import Practice

# The checked file waits in the session between preview and confirmation (database-backed, so any
# worker can pick it up; it goes away with the session or once written).
SESSION_KEY = "practices_import"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("文件"),
        help_text=gettext_lazy("CSV（UTF-8）或 Excel（.xlsx），列与导出文件相同；先预览，确认后才写入。"),
    )


def import_cases(request, model_admin):
    """Upload → dry-run preview of every row → confirm; nothing is written while any row has an error."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form, plan, file_error = ImportUploadForm(), None, ""
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(SESSION_KEY)
        if not stored or stored["digest"] != request.POST.get("digest"):
            messages.error(request, _("预览已过期或已导入，请重新上传文件。"))
            return redirect("admin:practices_practice_import")
        try:
            plan = plan_import(stored["name"], io.BytesIO(base64.b64decode(stored["content"])), request.user)
        except ImportFileError as error:
            file_error = str(error)
        if plan is not None and plan.can_write:
            created, updated = plan.write(request.user)
            del request.session[SESSION_KEY]
            messages.success(
                request,
                _("导入完成：新建 %(created)d 个草稿，更新 %(updated)d 个案例。")
                % {
                    "created": created,
                    "updated": updated,
                },
            )
            return redirect("admin:practices_practice_changelist")
    elif request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                plan = plan_import(upload.name, upload, request.user)
            except ImportFileError as error:
                form.add_error("file", str(error))
            request.session.pop(SESSION_KEY, None)
            if plan is not None and plan.can_write:
                upload.seek(0)
                content = upload.read()  # within MAX_IMPORT_BYTES: plan_import checked
                request.session[SESSION_KEY] = {
                    "name": upload.name,
                    "content": base64.b64encode(content).decode("ascii"),
                    "digest": hashlib.sha256(content).hexdigest(),
                }
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Practice._meta,
        "title": _("导入案例"),
        "form": form,
        "plan": plan,
        "file_error": file_error,
        "digest": request.session.get(SESSION_KEY, {}).get("digest") if plan is not None and plan.can_write else "",
        "codebook_url": reverse("practices:codebook"),
    }
    return TemplateResponse(request, "admin/practices/practice/import.html", context)
