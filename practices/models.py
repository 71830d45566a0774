"""The case record: a practice, where and by whom it happens, and the evidence behind it."""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from practices.querysets import PracticeImageQuerySet, PracticeQuerySet, RegionQuerySet

SLUG_MAX_LENGTH = 120
# Public case IDs: `CB-<year the case was created>-<number within that year>`, e.g. CB-2024-0007.
PUBLIC_ID_PREFIX = "CB"
PUBLIC_ID_PATTERN = r"CB-[0-9]{4}-[0-9]{4,9}"
PUBLIC_ID_ATTEMPTS = 5


def _localized(obj, field):
    """The English variant of `field` under /en/ when it is filled in, else the Chinese original."""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)


class Theme(models.Model):
    """One of the broad areas a practice belongs to (the article's four sections)."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=150, blank=True)
    slug = models.SlugField(_("网址名"), max_length=100, unique=True, allow_unicode=True)
    description = models.TextField(_("简介"), blank=True)
    description_en = models.TextField(_("英文简介"), blank=True)
    colour = models.CharField(
        _("颜色"),
        max_length=7,
        default="#9f2a1f",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("请填写 # 加 6 位十六进制数字的颜色，如 #9f2a1f。"))],
        help_text=_("十六进制颜色，如 #9f2a1f；白字需在其上清晰可读。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("主题")
        verbose_name_plural = _("主题")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practices:theme_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self):
        return _localized(self, "name")

    @property
    def display_description(self):
        return _localized(self, "description")


class Region(models.Model):
    """An administrative division identified by its GB/T 2260 code (province › city › county)."""

    code = models.CharField(_("行政区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=100)
    name_en = models.CharField(_("英文名称"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("地区")
        verbose_name_plural = _("地区")

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.code.isdigit() and len(self.code) == 6):
            raise ValidationError({"code": _("行政区划代码应为 6 位数字（GB/T 2260）。")})
        if self.parent_id and not self.code.startswith(self.parent.code_prefix):
            raise ValidationError({"parent": _("下级区划的代码应以上级区划的代码开头。")})

    @property
    def code_prefix(self):
        """The leading digits every descendant's code shares: 220000 → 22, 220100 → 2201."""
        code = self.code
        while code.endswith("00") and len(code) > 2:
            code = code[:-2]
        return code

    @property
    def display_name(self):
        return _localized(self, "name")

    def ancestors(self):
        """Parents from the province down, without this region."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Institution(models.Model):
    """A court, procuratorate, police unit, government body or centre that runs practices."""

    class Kind(models.TextChoices):
        COURT = "court", _("法院")
        PROCURATORATE = "procuratorate", _("检察院")
        PUBLIC_SECURITY = "public_security", _("公安机关")
        GOVERNMENT = "government", _("政府部门")
        GOVERNANCE_CENTRE = "governance_centre", _("综治中心")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=200, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=250, blank=True)
    slug = models.SlugField(_("网址名"), max_length=SLUG_MAX_LENGTH, unique=True, allow_unicode=True)
    kind = models.CharField(_("类型"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    region = models.ForeignKey(
        Region, verbose_name=_("所在地区"), null=True, blank=True, on_delete=models.PROTECT, related_name="institutions"
    )
    website = models.URLField(_("网站"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return _localized(self, "name")


class TaggedPractice(TaggedItemBase):
    """Through model for practice tags, so tag queries join one small table of our own."""

    content_object = models.ForeignKey("Practice", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("案例标签")
        verbose_name_plural = _("案例标签")
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_practice_tag")]


class Practice(models.Model):
    """A practice case: one concrete innovation in governance or the rule of law."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        REVIEW = "review", _("待审核")
        PUBLISHED = "published", _("已发布")
        ARCHIVED = "archived", _("已归档")

    class Precision(models.TextChoices):
        YEAR = "year", _("年")
        MONTH = "month", _("月")
        DAY = "day", _("日")

    title = models.CharField(_("标题"), max_length=200)
    slug = models.SlugField(
        _("网址名"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("留空则按标题自动生成；发布后请勿随意修改，以免旧链接失效。"),
    )
    title_en = models.CharField(_("英文标题"), max_length=250, blank=True)
    summary_en = models.CharField(_("英文一句话简介"), max_length=400, blank=True)
    summary = models.TextField(_("摘要"), blank=True, help_text=_("发布前必填；显示在列表和分享卡片中。"))
    body = models.TextField(_("正文"), blank=True, help_text=_("纯文本，空一行分段。"))
    theme = models.ForeignKey(Theme, verbose_name=_("主题"), on_delete=models.PROTECT, related_name="practices")
    region = models.ForeignKey(Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="practices")
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("实施机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    tags = TaggableManager(
        verbose_name=_("标签"),
        through=TaggedPractice,
        blank=True,
        help_text=_("用逗号、顿号或分号分隔，如：枫桥经验，调解、网格"),
    )
    started_on = models.DateField(_("开始时间"), null=True, blank=True)
    started_precision = models.CharField(
        _("开始时间精度"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("只知道年份时选“年”，显示为 2023；选“月”显示为 2023-11。"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("发布时间"), null=True, blank=True, help_text=_("发布时留空则取当前时间；填写将来的时间即定时发布。")
    )
    featured = models.BooleanField(_("推荐"), default=False)
    is_synthetic = models.BooleanField(
        _("合成数据"), default=False, editable=False, help_text=_("由 generate_practices 生成的测试数据。")
    )
    version = models.PositiveIntegerField(_("版本号"), default=1, editable=False)
    public_id = models.CharField(
        _("公开编号"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("创建时分配，永不改变，供引用；如 CB-2024-0007。"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最后修改人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("实践案例")
        verbose_name_plural = _("实践案例")
        permissions = [("publish_practice", _("可以发布、撤回实践案例"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="practice_status_published"),
            models.Index(fields=["status", "theme"], name="practice_status_theme"),
            models.Index(fields=["status", "started_on"], name="practice_status_started"),
            models.Index(fields=["status", "-updated_at"], name="practice_status_updated"),
            models.Index(fields=["status", "title"], name="practice_status_title"),
            models.Index(fields=["is_synthetic"], name="practice_synthetic"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug_for(self.title, exclude_pk=self.pk)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.public_id:
            return super().save(*args, **kwargs)
        # Two cases created at once may draw the same next number: the unique index refuses the second,
        # which draws again.
        for attempt in range(PUBLIC_ID_ATTEMPTS):
            self.assign_public_ids([self])
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                clash = Practice.objects.filter(public_id=self.public_id).exists()
                self.public_id = ""
                if not clash or attempt == PUBLIC_ID_ATTEMPTS - 1:
                    raise

    def get_absolute_url(self):
        return reverse("practices:practice_detail", kwargs={"slug": self.slug})

    def get_public_id_url(self):
        """The address that always leads to the case, whatever its slug becomes."""
        return reverse("practices:practice_by_public_id", kwargs={"public_id": self.public_id})

    def get_preview_url(self):
        return reverse("admin:practices_practice_preview", args=[self.pk])

    @property
    def display_title(self):
        return _localized(self, "title")

    @property
    def display_summary(self):
        return _localized(self, "summary")

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def started_display(self):
        """`2023`, `2023-11` or `2023-11-05`, as precise as the editor said."""
        if not self.started_on:
            return ""
        if self.started_precision == self.Precision.YEAR:
            return f"{self.started_on:%Y}"
        if self.started_precision == self.Precision.MONTH:
            return f"{self.started_on:%Y-%m}"
        return self.started_on.isoformat()

    def paragraphs(self):
        """The body split into paragraphs at blank lines."""
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.summary.strip():
            errors["summary"] = _("发布前请填写摘要。")
        if self.slug:
            clash = Practice.objects.filter(slug=self.slug).exclude(pk=self.pk)
            if clash.exists():
                errors["slug"] = _("网址名“%(slug)s”已被案例《%(title)s》使用，请换一个。") % {
                    "slug": self.slug,
                    "title": clash.first().title,
                }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def unique_slug_for(cls, title, exclude_pk=None):
        """A Unicode slug from the title, suffixed -2, -3… until no other case uses it."""
        base = slugify(title, allow_unicode=True)[: SLUG_MAX_LENGTH - 8].strip("-") or "case"
        slug, n = base, 1
        taken = cls.objects.exclude(pk=exclude_pk) if exclude_pk else cls.objects.all()
        while taken.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @classmethod
    def assign_public_ids(cls, cases, year=None):
        """Give each unsaved case without one the next free public ID of `year` (this year by default)."""
        year = year or timezone.localdate().year
        prefix = f"{PUBLIC_ID_PREFIX}-{year}-"
        # The highest number is the longest ID, then the greatest string of that length.
        last = (
            cls.objects.filter(public_id__startswith=prefix)
            .order_by(Length("public_id").desc(), "-public_id")
            .values_list("public_id", flat=True)
            .first()
        )
        number = int(last.removeprefix(prefix)) if last else 0
        for case in cases:
            if not case.public_id:
                number += 1
                case.public_id = f"{prefix}{number:04d}"


# The case's own fields an editor edits (tags live in their own table): the admin form's fields, and
# what a revision compares and restores.
CASE_FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "theme",
    "region",
    "institution",
    "started_on",
    "started_precision",
    "status",
    "published_at",
    "featured",
    "title_en",
    "summary_en",
]


def practice_image_path(instance, filename):
    """A random, collision-free name; the editor's file name never reaches the disk."""
    suffix = PurePath(filename).suffix.lower()[:6] or ".jpg"
    token = uuid.uuid4().hex
    return f"practices/{token[:2]}/{token}{suffix}"


class PracticeImage(models.Model):
    """A picture of a practice with its caption, alt text, credit and licence."""

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", _("CC BY 4.0")
        CC_BY_SA = "cc-by-sa-4.0", _("CC BY-SA 4.0")
        CC0 = "cc0", _("CC0 公有领域")
        PERMISSION = "permission", _("经授权使用")
        OWN = "own", _("本站拍摄")
        GENERATED = "generated", _("生成的示意图")

    practice = models.ForeignKey(Practice, verbose_name=_("案例"), on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(
        _("图片"), upload_to=practice_image_path, width_field="width", height_field="height", max_length=255
    )
    width = models.PositiveIntegerField(_("宽度"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, blank=True, editable=False)
    original = models.FileField(_("原始文件"), upload_to="originals/", blank=True, editable=False, max_length=255)
    renditions = models.JSONField(_("派生尺寸"), default=dict, blank=True, editable=False)
    caption = models.CharField(_("图片说明"), max_length=300, blank=True)
    alt_text = models.CharField(_("替代文字"), max_length=300, help_text=_("为看不到图片的读者描述画面内容，必填。"))
    credit = models.CharField(_("来源/作者"), max_length=200, blank=True)
    licence = models.CharField(_("许可"), max_length=20, choices=Licence.choices, default=Licence.PERMISSION)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    is_cover = models.BooleanField(_("封面"), default=False)
    shows_identifiable_people = models.BooleanField(
        _("含未成年人或可识别的个人"),
        default=False,
        help_text=_("勾选后，须由审核人确认已取得同意，图片才会公开显示。"),
    )
    consent_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("同意确认人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_confirmed_at = models.DateTimeField(_("同意确认时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = PracticeImageQuerySet.as_manager()

    class Meta:
        ordering = ["-is_cover", "order", "id"]
        verbose_name = _("案例图片")
        verbose_name_plural = _("案例图片")
        constraints = [
            models.UniqueConstraint(fields=["practice"], condition=Q(is_cover=True), name="one_cover_per_practice"),
        ]

    def __str__(self):
        return self.caption or self.alt_text

    @property
    def is_publishable(self):
        """Pictures of minors or private persons stay hidden until a reviewer confirms consent."""
        return not self.shows_identifiable_people or self.consent_confirmed_at is not None


class KeyFigure(models.Model):
    """A number that shows what a practice achieved, stored as the source states it (99.84 %)."""

    practice = models.ForeignKey(Practice, verbose_name=_("案例"), on_delete=models.CASCADE, related_name="key_figures")
    label = models.CharField(_("指标"), max_length=100)
    label_en = models.CharField(_("英文指标"), max_length=150, blank=True)
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    unit_en = models.CharField(
        _("英文单位"), max_length=30, blank=True, help_text=_("如 cases、visits；留空则沿用中文单位（如 %）。")
    )
    as_of = models.DateField(_("截至日期"), null=True, blank=True)
    baseline_value = models.DecimalField(_("对比基数"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_on = models.DateField(_("基数日期"), null=True, blank=True)
    note = models.CharField(
        _("说明"), max_length=300, blank=True, help_text=_("统计口径或时段，如“2023年11月运行以来累计”。")
    )
    note_en = models.CharField(_("英文说明"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("关键数据")
        verbose_name_plural = _("关键数据")

    def __str__(self):
        return f"{self.label} {self.value_display}{self.unit}"

    def clean(self):
        if self.baseline_on and self.baseline_value is None:
            raise ValidationError({"baseline_value": _("填写了基数日期，请同时填写对比基数。")})

    @staticmethod
    def format_number(value):
        """99.8400 → 99.84, 14456.0000 → 14456: as written, without trailing zeros."""
        if value is None:
            return ""
        return format(Decimal(value).normalize(), "f")

    @property
    def value_display(self):
        return self.format_number(self.value)

    @property
    def display_label(self):
        return _localized(self, "label")

    @property
    def display_unit(self):
        return _localized(self, "unit")

    @property
    def display_note(self):
        return _localized(self, "note")

    @property
    def baseline_display(self):
        return self.format_number(self.baseline_value)


class Source(models.Model):
    """Where the facts of a case come from: an article, report or official notice."""

    practice = models.ForeignKey(Practice, verbose_name=_("案例"), on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("标题"), max_length=300)
    publisher = models.CharField(_("发布者"), max_length=200, blank=True, help_text=_("不详时留空，勿猜测。"))
    author = models.CharField(_("作者"), max_length=200, blank=True)
    url = models.URLField(_("网址"), max_length=500, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    accessed_on = models.DateField(_("访问日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("来源")
        verbose_name_plural = _("来源")

    def __str__(self):
        return self.title


class ReviewComment(models.Model):
    """One step of the review conversation: a submission, a decision or a comment."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交审核")
        PUBLISH = "publish", _("发布")
        RETURN = "return", _("退回修改")
        UNPUBLISH = "unpublish", _("撤回发布")
        COMMENT = "comment", _("评论")

    practice = models.ForeignKey(
        Practice, verbose_name=_("案例"), on_delete=models.CASCADE, related_name="review_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作者"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("动作"), max_length=10, choices=Action.choices, default=Action.COMMENT)
    text = models.TextField(_("内容"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")

    def __str__(self):
        return f"{self.get_action_display()} · {self.practice}"


class PublicVersion(models.Model):
    """One publication of a case, numbered from 1, frozen as the public saw it, with the editor's public note.

    Drafts between two publications are never recorded here, so nothing unpublished becomes public.
    """

    practice = models.ForeignKey(
        Practice, verbose_name=_("案例"), on_delete=models.CASCADE, related_name="public_versions"
    )
    number = models.PositiveIntegerField(_("版本"))
    published_at = models.DateTimeField(_("发布时间"))
    note = models.CharField(
        _("公开更新说明"), max_length=500, blank=True, help_text=_("读者可见，如“更正了办结率的统计日期”。")
    )
    is_erratum = models.BooleanField(_("勘误"), default=False, help_text=_("更正了事实或数据时勾选。"))
    snapshot = models.JSONField(_("公开内容"), default=dict, editable=False)

    class Meta:
        ordering = ["practice", "number"]
        verbose_name = _("公开版本")
        verbose_name_plural = _("公开版本")
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="unique_public_version")]

    def __str__(self):
        return f"{self.practice} · v{self.number}"

    def get_absolute_url(self):
        return reverse("practices:practice_version", kwargs={"slug": self.practice.slug, "number": self.number})
