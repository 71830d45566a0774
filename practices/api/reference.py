"""The API's readable reference at /api/: each endpoint with its parameters and a worked example.

The examples are built from the site's own published data, and the tests request every one of them.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from practices.api.views import CaseListParams
from practices.models import Practice, Theme


@dataclass(frozen=True)
class Example:
    """One endpoint: what it gives and an address that shows it."""

    endpoint: str
    description: str
    path: str


def examples():
    """An example request for every endpoint, using a published case and a theme when there are some."""
    case = Practice.objects.published().order_by("-published_at", "-id").only("public_id").first()
    theme = Theme.objects.order_by("order", "name").only("slug").first()
    public_id = case.public_id if case else "CB-2024-0001"
    theme_query = f"theme={theme.slug}&" if theme else ""
    return [
        Example(
            "/api/v1/cases/",
            _("已发布的案例列表，参数与 /cases/ 完全相同；按页返回 count、next、previous 和 results。"),
            f"/api/v1/cases/?{theme_query}sort=newest&page_size=5",
        ),
        Example(
            "/api/v1/cases/",
            _("搜索（q）：结果按相关度排序；很宽的搜索计数到 1,000 为止（count_capped）。"),
            "/api/v1/cases/?q=调解",
        ),
        Example(
            "/api/v1/cases/{public_id}/",
            _(
                "一个已发布案例的完整记录：正文、关键数据、来源、图片（各尺寸网址与替代文字）、标签、地区路径、机构、版本。"
            ),
            f"/api/v1/cases/{public_id}/",
        ),
        Example("/api/v1/themes/", _("主题及其已发布案例数。"), "/api/v1/themes/"),
        Example("/api/v1/regions/", _("地区（GB/T 2260 代码）、上级地区及其已发布案例数。"), "/api/v1/regions/"),
        Example("/api/v1/institutions/", _("实施机构及其已发布案例数。"), "/api/v1/institutions/"),
        Example("/api/v1/tags/", _("已发布案例使用的标签及案例数。"), "/api/v1/tags/"),
        Example("/api/v1/openapi.json", _("OpenAPI 3 描述，可供代码生成工具使用。"), "/api/v1/openapi.json"),
    ]


def reference(request):
    """The API reference page, served by Casebook itself (no external scripts or styles)."""
    parameters = [(name, field.description) for name, field in CaseListParams.model_fields.items()]
    context = {
        "examples": examples(),
        "parameters": parameters,
        "origin": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(request, "api/reference.html", context)
