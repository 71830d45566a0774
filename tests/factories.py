"""Small factories: each makes one valid object, with overridable fields."""

import io
import itertools

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from practices.editorial.roles import EDITOR_GROUP, REVIEWER_GROUP
from practices.models import Institution, KeyFigure, Practice, PracticeImage, Region, Source, Theme

_seq = itertools.count(1)


def theme(**kwargs):
    n = next(_seq)
    fields = {"name": f"主题{n}", "slug": f"theme-{n}", "name_en": f"Theme {n}", "order": n} | kwargs
    return Theme.objects.create(**fields)


def region(code=None, name=None, parent=None):
    if code is None:
        code = f"{next(_seq) % 90 + 10:02d}0000"
    obj, _ = Region.objects.get_or_create(code=code, defaults={"name": name or f"地区{code}", "parent": parent})
    return obj


def institution(**kwargs):
    n = next(_seq)
    fields = {"name": f"机构{n}", "slug": f"institution-{n}", "kind": Institution.Kind.COURT} | kwargs
    return Institution.objects.create(**fields)


def practice(status=Practice.Status.PUBLISHED, tags=(), **kwargs):
    n = next(_seq)
    fields = {
        "title": f"案例{n}",
        "summary": f"案例{n}的摘要",
        "background": "问题所在。",
        "approach": "第一段。\n\n第二段。",
        "status": status,
    } | kwargs
    if "theme" not in fields:
        fields["theme"] = theme()
    if "region" not in fields:
        fields["region"] = region()
    if status == Practice.Status.PUBLISHED and "published_at" not in fields:
        fields["published_at"] = timezone.now() - timezone.timedelta(minutes=n)
    obj = Practice.objects.create(**fields)
    if tags:
        obj.tags.set(list(tags))
    return obj


def image_bytes(fmt="JPEG", size=(64, 48), colour=(160, 40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data if data is not None else image_bytes(), content_type=content_type)


def practice_image(practice, **kwargs):
    fields = {"alt_text": "一张示例图片", "caption": "说明", "image": upload()} | kwargs
    return PracticeImage.objects.create(practice=practice, **fields)


def key_figure(practice, **kwargs):
    fields = {"label": "办结率", "value": "99.84", "unit": "%"} | kwargs
    return KeyFigure.objects.create(practice=practice, **fields)


def source(practice, **kwargs):
    fields = {"title": "一篇报道", "author": "张倩"} | kwargs
    return Source.objects.create(practice=practice, **fields)


def user(username=None, group=None, **kwargs):
    username = username or f"user{next(_seq)}"
    obj = User.objects.create_user(username=username, password="pw-casebook-1", is_staff=True, **kwargs)
    if group:
        obj.groups.add(Group.objects.get(name=group))
    return obj


def editor(**kwargs):
    return user(group=EDITOR_GROUP, **kwargs)


def reviewer(**kwargs):
    return user(group=REVIEWER_GROUP, **kwargs)
