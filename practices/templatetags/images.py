"""Template helpers for case pictures: srcset strings, rendition URLs and the OpenGraph image."""

from django import template
from django.utils.html import format_html

from practices.images.renditions import nearest, sizes

register = template.Library()

# OpenGraph cards are shown about 1200 px wide: the rendition closest to that.
OPEN_GRAPH_WIDTH = 1200
THUMBNAIL_WIDTH = 480


def _url(image, name):
    return image.image.storage.url(name)


@register.filter
def srcset(image, kind="jpeg"):
    """`url 480w, url 960w, …` for `kind` ("webp" or "jpeg"); the stored picture when it has no renditions."""
    entries = sizes(image)
    if entries:
        return ", ".join(f"{_url(image, entry[kind])} {entry['width']}w" for entry in reversed(entries))
    if kind == "jpeg" and image and image.image:
        return f"{image.image.url} {image.width}w"
    return ""


@register.filter
def rendition_url(image, width=960):
    """The JPEG rendition nearest to `width` (the next wider one if there is one), else the stored picture."""
    entry = nearest(image, width)
    if entry is None:
        return image.image.url if image and image.image else ""
    return _url(image, entry["jpeg"])


def thumbnail_url(image):
    """The smallest rendition, for lists and the admin."""
    return rendition_url(image, THUMBNAIL_WIDTH)


@register.simple_tag(takes_context=True)
def og_image(context, image):
    """OpenGraph meta tags for a picture (absolute URL, size, alt), or nothing without one."""
    if not image or not image.image:
        return ""
    entry = nearest(image, OPEN_GRAPH_WIDTH)
    url = _url(image, entry["jpeg"]) if entry else image.image.url
    width, height = (entry["width"], entry["height"]) if entry else (image.width, image.height)
    request = context.get("request")
    absolute = request.build_absolute_uri(url) if request else url
    return format_html(
        '<meta property="og:image" content="{}">\n'
        '<meta property="og:image:type" content="image/jpeg">\n'
        '<meta property="og:image:width" content="{}">\n'
        '<meta property="og:image:height" content="{}">\n'
        '<meta property="og:image:alt" content="{}">',
        absolute,
        width,
        height,
        image.display_alt_text,
    )
