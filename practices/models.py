"""The case record: a practice, where and by whom it happens, and the evidence behind it."""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q, prefetch_related_objects
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import NaturalKeyManager, Tag, TaggedItemBase

from practices.querysets import (
    NEWEST_FIRST,
    PracticeImageQuerySet,
    PracticeQuerySet,
    PublicContentQuerySet,
    RegionQuerySet,
)

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


@dataclass(frozen=True)
class Section:
    """One part of a case's text: its field, the field of its English version, its heading and whether
    publishing needs it."""

    field: str
    label: str
    required: bool = False

    @property
    def field_en(self):
        return f"{self.field}_en"


# The parts a case is written in, in reading order (OECD-style case structure, 背景/做法/成效/启示).
# Every other place — form, page, search, exports, history, comparison, API — reads this list.
SECTIONS = (
    Section("background", _("背景与问题"), required=True),
    Section("approach", _("主要做法"), required=True),
    Section("results", _("成效")),
    Section("lessons", _("经验启示")),
    Section("replication", _("推广情况")),
    Section("difficulties", _("困难与不足")),
)
SECTION_HELP = _("纯文本，空一行分段。")
SECTION_EN_HELP = _("英文版本；留空则英文页面显示中文原文。")


def split_paragraphs(text):
    """Plain text split into paragraphs at blank lines."""
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


@dataclass(frozen=True)
class SectionText:
    """A section as a reader gets it: heading, paragraphs, and whether they are the Chinese standing in
    for a missing English text (`lang` is then "zh-Hans" so screen readers switch voice)."""

    section: Section
    paragraphs: list
    chinese_only: bool = False

    @property
    def label(self):
        return self.section.label

    @property
    def field(self):
        return self.section.field


# Institutions below the county whose names say so: police stations, people's tribunals, justice
# offices, and township or sub-district governments (GB/T 2260 codes stop at the county).
TOWNSHIP_NAME_ENDINGS = ("派出所", "人民法庭", "司法所", "警务站", "警务室")
TOWNSHIP_NAME_MARKERS = ("乡人民政府", "镇人民政府", "街道办事处")


class GovernmentLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡镇级")


def government_level(region_code, institution_name=""):
    """The level of government a practice runs at: township when the institution is a township-level
    body, else from the GB/T 2260 code (220000 province, 220100 city, 220105 county)."""
    name = institution_name or ""
    if name.endswith(TOWNSHIP_NAME_ENDINGS) or any(marker in name for marker in TOWNSHIP_NAME_MARKERS):
        return GovernmentLevel.TOWNSHIP
    code = region_code or ""
    if code.endswith("0000"):
        return GovernmentLevel.PROVINCE
    if code.endswith("00"):
        return GovernmentLevel.CITY
    return GovernmentLevel.COUNTY


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

    objects = PublicContentQuerySet.as_manager()

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

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A renamed institution may now read as township-level (派出所, 人民法庭…), or no longer.
        for practice in self.practices.select_related(None).only("pk", "region_id", "level"):
            level = government_level(practice.region_id, self.name)
            if practice.level != level:
                Practice.objects.filter(pk=practice.pk).update(level=level)

    @property
    def display_name(self):
        return _localized(self, "name")


class TagEnglishName(models.Model):
    """A tag's name on the English site; taggit's Tag keeps the Chinese name editors type."""

    tag = models.OneToOneField(
        Tag, verbose_name=_("标签"), primary_key=True, on_delete=models.CASCADE, related_name="english_name"
    )
    name = models.CharField(_("英文名称"), max_length=150)

    class Meta:
        verbose_name = _("标签英文名称")
        verbose_name_plural = _("标签英文名称")

    def __str__(self):
        return self.name


def tag_display_name(tag):
    """A tag's English name under /en/ when it has one (fetch `english_name` along), else its name."""
    if (get_language() or "").startswith("en"):
        try:
            return tag.english_name.name or tag.name
        except TagEnglishName.DoesNotExist:
            pass
    return tag.name


class TaggedPractice(TaggedItemBase):
    """Through model for practice tags, so tag queries join one small table of our own."""

    content_object = models.ForeignKey("Practice", on_delete=models.CASCADE, related_name="tagged_items")

    objects = NaturalKeyManager.from_queryset(PublicContentQuerySet)()

    class Meta:
        verbose_name = _("案例标签")
        verbose_name_plural = _("案例标签")
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_practice_tag")]


class FacetCount(models.Model):
    """How many published cases of one theme have one value of a list facet (region, institution, year,
    tag, stage, level; `cases` counts them all), kept in step in the saving transaction by
    practices.public.facet_counts.

    A case scheduled for later counts from its save on; the list pages subtract those not yet public.
    """

    class Dimension(models.TextChoices):
        CASES = "cases", _("案例")
        REGION = "region", _("地区")
        INSTITUTION = "institution", _("实施机构")
        YEAR = "year", _("开始年份")
        TAG = "tag", _("标签")
        STAGE = "stage", _("阶段")
        LEVEL = "level", _("层级")

    theme = models.ForeignKey(Theme, verbose_name=_("主题"), on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(_("维度"), max_length=12, choices=Dimension.choices)
    # A region code, institution or tag id, year, stage or level.
    value = models.CharField(_("取值"), max_length=40, blank=True)
    count = models.IntegerField(_("案例数"), default=0)

    class Meta:
        verbose_name = _("筛选计数")
        verbose_name_plural = _("筛选计数")
        constraints = [models.UniqueConstraint(fields=["theme", "dimension", "value"], name="unique_facet_count")]

    def __str__(self):
        return f"{self.theme_id} {self.dimension}={self.value}: {self.count}"


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

    class Stage(models.TextChoices):
        PILOT = "pilot", _("试点")
        SCALING = "scaling", _("推广")
        INSTITUTIONALISED = "institutionalised", _("常态化")
        EVALUATED = "evaluated", _("已评估")

    Level = GovernmentLevel

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
    background = models.TextField(_("背景与问题"), blank=True, help_text=SECTION_HELP)
    background_en = models.TextField(_("背景与问题（英文）"), blank=True, help_text=SECTION_EN_HELP)
    approach = models.TextField(_("主要做法"), blank=True, help_text=SECTION_HELP)
    approach_en = models.TextField(_("主要做法（英文）"), blank=True, help_text=SECTION_EN_HELP)
    results = models.TextField(_("成效"), blank=True, help_text=SECTION_HELP)
    results_en = models.TextField(_("成效（英文）"), blank=True, help_text=SECTION_EN_HELP)
    lessons = models.TextField(_("经验启示"), blank=True, help_text=SECTION_HELP)
    lessons_en = models.TextField(_("经验启示（英文）"), blank=True, help_text=SECTION_EN_HELP)
    replication = models.TextField(_("推广情况"), blank=True, help_text=SECTION_HELP)
    replication_en = models.TextField(_("推广情况（英文）"), blank=True, help_text=SECTION_EN_HELP)
    difficulties = models.TextField(_("困难与不足"), blank=True, help_text=SECTION_HELP)
    difficulties_en = models.TextField(_("困难与不足（英文）"), blank=True, help_text=SECTION_EN_HELP)
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
    stage = models.CharField(
        _("阶段"),
        max_length=20,
        choices=Stage.choices,
        blank=True,
        help_text=_("试点、推广、常态化或已评估；不清楚时留空。"),
    )
    level = models.CharField(
        _("层级"),
        max_length=10,
        choices=GovernmentLevel.choices,
        blank=True,
        editable=False,
        help_text=_("由地区代码和实施机构推定：省、市、县或乡镇。"),
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

    SECTIONS = SECTIONS

    class Meta:
        ordering = list(NEWEST_FIRST)
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
            # Every public case's facts that the map, the charts and the facets group by, so counting them
            # reads this index alone instead of every row with its long text (benchmarks/map_insights.py).
            # The id is there for PostgreSQL (SQLite keeps the rowid in every index): counts and joins on
            # tags need it, and without it PostgreSQL read the whole table (40 ms a facet at 100,000 cases).
            models.Index(
                fields=[
                    "status",
                    "published_at",
                    "theme",
                    "region",
                    "institution",
                    "started_on",
                    "stage",
                    "level",
                    "id",
                ],
                name="practice_facts",
            ),
            models.Index(fields=["status", "stage"], name="practice_status_stage"),
            models.Index(fields=["status", "level"], name="practice_status_level"),
            # The home page's few featured cases, newest first, without walking every published case.
            models.Index(fields=["status", "-published_at"], name="practice_featured", condition=Q(featured=True)),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug_for(self.title, exclude_pk=self.pk)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.level = self.derived_level()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "level"}
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

    def derived_level(self):
        """The level of government from the region and the institution (set on every save)."""
        return government_level(self.region_id, self.institution.name if self.institution_id else "")

    @property
    def shown_tags(self):
        """The case's tags in the order they were added, English names along: from the list and case page
        prefetch (PracticeQuerySet.tags_with_names) when there, else fetched by it once, in one query."""
        if not hasattr(self, "tagged_with"):
            prefetch_related_objects([self], Practice.objects.tags_with_names())
        return [item.tag for item in self.tagged_with]

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

    @property
    def section_texts(self):
        """The filled sections in reading order, in English under /en/ where written, else in Chinese."""
        english = (get_language() or "").startswith("en")
        shown = []
        for section in SECTIONS:
            chinese = split_paragraphs(getattr(self, section.field))
            translated = split_paragraphs(getattr(self, section.field_en)) if english else []
            if translated:
                shown.append(SectionText(section, translated))
            elif chinese:
                shown.append(SectionText(section, chinese, chinese_only=english))
        return shown

    @property
    def full_text(self):
        """Every section's Chinese text, for search snippets and similarity."""
        return "\n\n".join(text for s in SECTIONS if (text := getattr(self, s.field)))

    def missing_english(self):
        """Labels of the texts a reader sees that have Chinese but no English yet (figures and images
        as prefetched)."""
        missing = [
            str(self._meta.get_field(f"{name}_en").verbose_name)
            for name in ("title", "summary")
            if getattr(self, name).strip() and not getattr(self, f"{name}_en").strip()
        ]
        missing += [
            str(self._meta.get_field(s.field_en).verbose_name)
            for s in SECTIONS
            if getattr(self, s.field).strip() and not getattr(self, s.field_en).strip()
        ]
        missing += [
            _("关键数据“%(label)s”的英文指标") % {"label": figure.label}
            for figure in self.key_figures.all()
            if not figure.label_en.strip()
        ]
        missing += [
            _("图片“%(caption)s”的英文说明") % {"caption": image.caption}
            for image in self.images.all()
            if image.caption.strip() and not image.caption_en.strip()
        ]
        return missing

    def publish_problems(self):
        """What must be written before the case may be published, as {field: message}."""
        problems = {}
        if not self.summary.strip():
            problems["summary"] = _("发布前请填写摘要。")
        for section in SECTIONS:
            if section.required and not getattr(self, section.field).strip():
                problems[section.field] = _("发布前请填写“%(section)s”。") % {"section": section.label}
        return problems

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED:
            errors.update(self.publish_problems())
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
    *(s.field for s in SECTIONS),
    "theme",
    "region",
    "institution",
    "started_on",
    "started_precision",
    "stage",
    "status",
    "published_at",
    "featured",
    "title_en",
    "summary_en",
    *(s.field_en for s in SECTIONS),
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
    caption_en = models.CharField(_("英文图片说明"), max_length=400, blank=True)
    alt_text = models.CharField(_("替代文字"), max_length=300, help_text=_("为看不到图片的读者描述画面内容，必填。"))
    alt_text_en = models.CharField(_("英文替代文字"), max_length=400, blank=True)
    credit = models.CharField(_("来源/作者"), max_length=200, blank=True)
    credit_en = models.CharField(_("英文来源/作者"), max_length=250, blank=True)
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
    def display_caption(self):
        return _localized(self, "caption")

    @property
    def display_alt_text(self):
        return _localized(self, "alt_text")

    @property
    def display_credit(self):
        return _localized(self, "credit")

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
    source = models.ForeignKey(
        "Source",
        verbose_name=_("出处"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="key_figures",
        help_text=_("本案例的哪一条来源给出这个数字；新添的来源保存后才可选。"),
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = PublicContentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("关键数据")
        verbose_name_plural = _("关键数据")

    def __str__(self):
        return f"{self.label} {self.value_display}{self.unit}"

    def clean(self):
        errors = {}
        if self.baseline_on and self.baseline_value is None:
            errors["baseline_value"] = _("填写了基数日期，请同时填写对比基数。")
        if self.source_id and self.source.practice_id != self.practice_id:
            errors["source"] = _("只能引用本案例自己的来源。")
        if errors:
            raise ValidationError(errors)

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


# A key figure's fields an editor edits: the admin inline's form, and what a revision compares and restores.
KEY_FIGURE_FIELDS = [
    "label",
    "label_en",
    "value",
    "unit",
    "unit_en",
    "as_of",
    "baseline_value",
    "baseline_on",
    "note",
    "note_en",
    "source",
    "order",
]


class Source(models.Model):
    """Where the facts of a case come from: an article, report or official notice."""

    class Kind(models.TextChoices):
        GOVERNMENT_DOCUMENT = "government_document", _("政府文件")
        NEWS_REPORT = "news_report", _("新闻报道")
        SELF_REPORTED = "self_reported", _("机构自报")
        STATISTICS = "statistics", _("统计数据")
        RESEARCH = "research", _("学术研究")

    practice = models.ForeignKey(Practice, verbose_name=_("案例"), on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("标题"), max_length=300)
    kind = models.CharField(
        _("类型"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("读者据此判断数字的分量：机构自报不同于统计数据或研究。"),
    )
    publisher = models.CharField(_("发布者"), max_length=200, blank=True, help_text=_("不详时留空，勿猜测。"))
    author = models.CharField(_("作者"), max_length=200, blank=True)
    url = models.URLField(_("网址"), max_length=500, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    accessed_on = models.DateField(_("访问日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = PublicContentQuerySet.as_manager()

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


class CaseTerm(models.Model):
    """One of a case's most distinctive words (jieba) with its BM25 weight: what similar cases share."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)
    weight = models.FloatField()

    class Meta:
        verbose_name = _("案例关键词")
        verbose_name_plural = _("案例关键词")
        constraints = [models.UniqueConstraint(fields=["practice", "term"], name="unique_case_term")]
        indexes = [models.Index(fields=["term", "-weight"], name="case_term_weight")]

    def __str__(self):
        return self.term


class SimilarCase(models.Model):
    """A case similar to another, ranked, with the words their texts share (reasons are worked out
    from both cases when shown). Kept by practices.public.similar on save and by refresh_similar_cases."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="similar_links")
    other = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    shared_terms = models.JSONField(default=list)

    class Meta:
        ordering = ["practice", "rank"]
        verbose_name = _("相似案例")
        verbose_name_plural = _("相似案例")
        constraints = [models.UniqueConstraint(fields=["practice", "other"], name="unique_similar_case")]
        indexes = [models.Index(fields=["practice", "rank"], name="similar_case_rank")]

    def __str__(self):
        return f"{self.practice_id} → {self.other_id}"


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
