"""Load the ten demo cases of the 2024 Jilin reporting tour, with their themes, regions and institutions.

Idempotent: what already exists is left as it is (editors may have improved it), so a second run
changes nothing and says so. `--redraw-illustrations` redraws the generated pictures of the demo cases
already in the database (and their alt text, caption and credit), e.g. after the drawing changed.
"""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from practices.demo.content import load
from practices.images import illustrations
from practices.models import (
    SECTIONS,
    Institution,
    KeyFigure,
    Practice,
    PracticeImage,
    Region,
    Source,
    TagEnglishName,
    Theme,
)


class Command(BaseCommand):
    help = "加载吉林行采访报道中的十个示例案例（可重复运行，已有内容不会被改动）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--redraw-illustrations",
            action="store_true",
            help="重新绘制数据库中示例案例的生成示意图（及其替代文字、说明和署名）。",
        )

    def handle(self, *args, **options):
        self.demo = load()
        if options["redraw_illustrations"]:
            with transaction.atomic():
                redrawn = self.redraw_illustrations()
            self.stdout.write(self.style.SUCCESS(f"Redrew {redrawn} demo illustrations."))
            return
        with transaction.atomic():
            counts = {
                "themes": self.load_themes(),
                "regions": self.load_regions(),
                "institutions": self.load_institutions(),
                "tag names": self.load_tag_names(),
                "cases": self.load_practices(),
            }
        created = sum(counts.values())
        if created == 0:
            self.stdout.write("Demo content already loaded: nothing changed (10 cases present).")
        else:
            summary = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded: created {summary}."))

    def load_themes(self):
        created = 0
        for row in self.demo.themes:
            _, was_created = Theme.objects.get_or_create(slug=row["slug"], defaults=row)
            created += was_created
        return created

    def load_regions(self):
        created = 0
        for row in self.demo.regions:
            _, was_created = Region.objects.get_or_create(
                code=row["code"],
                defaults={"name": row["name"], "name_en": row["name_en"], "parent_id": row.get("parent")},
            )
            created += was_created
        return created

    def load_institutions(self):
        created = 0
        for row in self.demo.institutions:
            defaults = {k: v for k, v in row.items() if k not in ("slug", "region")}
            defaults["region_id"] = row["region"]
            _, was_created = Institution.objects.get_or_create(slug=row["slug"], defaults=defaults)
            created += was_created
        return created

    def load_tag_names(self):
        """The demo tags with their English names; a tag that already has an English name keeps it."""
        created = 0
        for row in self.demo.tags:
            tag = Tag.objects.filter(name__iexact=row["name"]).first() or Tag.objects.create(name=row["name"])
            _, was_created = TagEnglishName.objects.get_or_create(tag=tag, defaults={"name": row["name_en"]})
            created += was_created
        return created

    def load_practices(self):
        created = 0
        themes = {t.slug: t for t in Theme.objects.all()}
        institutions = {i.slug: i for i in Institution.objects.all()}
        now = timezone.now()
        for position, row in enumerate(self.demo.cases):
            if Practice.objects.filter(slug=row["slug"]).exists():
                continue
            practice = Practice.objects.create(
                slug=row["slug"],
                title=row["title"],
                title_en=row["title_en"],
                summary=row["summary"],
                summary_en=row["summary_en"],
                **{name: row.get(name, "") for s in SECTIONS for name in (s.field, s.field_en)},
                theme=themes[row["theme"]],
                region_id=row["region"],
                institution=institutions[row["institution"]],
                started_on=row.get("started_on"),
                started_precision=row.get("started_precision", Practice.Precision.DAY),
                stage=row.get("stage", ""),
                status=Practice.Status.PUBLISHED,
                # Keep the article's order on "newest first" lists: case 1 is the newest.
                published_at=now - timezone.timedelta(minutes=position),
                featured=row.get("featured", False),
            )
            practice.tags.set(row["tags"])
            article = Source.objects.create(practice=practice, **self.demo.article)
            KeyFigure.objects.bulk_create(
                KeyFigure(practice=practice, source=article, order=n, **figure)
                for n, figure in enumerate(row.get("key_figures", []))
            )
            self.add_illustration(practice)
            created += 1
        return created

    def add_illustration(self, practice):
        # Saved like an upload: the pre_save signal (images/files.py) normalises it and makes renditions.
        image = PracticeImage(practice=practice, licence=PracticeImage.Licence.GENERATED, is_cover=True)
        self.draw_illustration(image)

    def redraw_illustrations(self):
        """Replace the generated pictures of the demo cases present; their previous files go on commit."""
        images = PracticeImage.objects.filter(
            practice__slug__in=[row["slug"] for row in self.demo.cases], licence=PracticeImage.Licence.GENERATED
        ).select_related("practice__theme")
        for image in images:
            self.draw_illustration(image)
        return len(images)

    def draw_illustration(self, image):
        """Draw the picture of `image`'s case (no text in it) and describe it as it is, then save."""
        practice = image.practice
        theme = practice.theme
        data = illustrations.draw_card(practice.slug, theme.colour)
        image.image = ContentFile(data, name=f"{practice.slug}.jpg")
        image.alt_text = illustrations.ALT_TEXT.format(theme=theme.name)
        image.alt_text_en = illustrations.ALT_TEXT_EN.format(theme=theme.name_en or theme.name)
        image.caption = illustrations.CAPTION.format(theme=theme.name)
        image.caption_en = illustrations.CAPTION_EN.format(theme=theme.name_en or theme.name)
        image.credit = image.credit_en = illustrations.CREDIT
        image.save()
