"""Uploaded pictures: decode to validate, normalise (upright, sRGB, no metadata) and make renditions.

Works on file objects and Pillow images only; where the bytes are stored is image_files.py's business.
Accepted: JPEG (including phones' multi-picture MPO, of which the main picture is kept), PNG, WebP and
still GIF. Animations are refused rather than flattened, so no editor loses frames without knowing.
"""

import io
import struct
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Pillow format name → what editors call it. MPO is how Pillow reads many phone JPEGs.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/gif"
OPENERS = ["JPEG", "PNG", "WEBP", "GIF"]  # the JPEG opener returns MPO files itself
ORIGINAL_SUFFIXES = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# What Pillow raises on broken or hostile data while parsing or decoding.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError)

JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}
MASTER_JPEG_OPTIONS = {"quality": 90, "optimize": True}
WEBP_OPTIONS = {"quality": 80, "method": 4}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageRejected(ValidationError):
    """A file refused as a picture; the message tells the editor why and what to do."""


def _reject(message, code, **params):
    return ImageRejected(message, code=code, params=params)


def _megapixels(pixels):
    return f"{pixels / 1_000_000:.1f}"


@dataclass
class NormalisedPicture:
    """A decoded upload: upright, sRGB, RGB or RGBA, no metadata, at most the stored size."""

    picture: Image.Image
    source_format: str

    @property
    def width(self):
        return self.picture.width

    @property
    def height(self):
        return self.picture.height

    @property
    def has_alpha(self):
        return self.picture.mode == "RGBA"

    def encode(self):
        """(bytes, suffix) of the stored picture: JPEG, or PNG when it has transparency."""
        buffer = io.BytesIO()
        if self.has_alpha:
            self.picture.save(buffer, "PNG")
            return buffer.getvalue(), ".png"
        self.picture.save(buffer, "JPEG", **MASTER_JPEG_OPTIONS)
        return buffer.getvalue(), ".jpg"


class CheckedUpload(File):
    """An upload that passed validation, carrying its normalised picture so it is decoded only once."""

    def __init__(self, upload, normalised):
        super().__init__(upload, name=upload.name)
        self.normalised = normalised


def _sniff_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in text


def _sniff_heic(head):
    """iPhones' HEIC/HEIF: an ISO media `ftyp` box with a HEIF brand (Pillow cannot read it)."""
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")


def _open(file):
    """Parse the header of an accepted format; name the format when it is a picture we do not take."""
    file.seek(0)
    try:
        return Image.open(file, formats=OPENERS)
    except UnidentifiedImageError:
        pass
    file.seek(0)
    head = file.read(4096)
    if _sniff_svg(head):
        raise _reject(_("不接受 SVG 矢量图（其中可能含有脚本）。请导出为 PNG 或 JPEG 后再上传。"), "unsupported_format")
    if _sniff_heic(head):
        raise _reject(
            _("不支持 HEIC 格式（苹果手机照片）。请在手机上选择“最兼容”格式或导出为 JPEG 后再上传。"),
            "unsupported_format",
        )
    file.seek(0)
    try:
        # Only to name the format in the message: header parsing, nothing is decoded.
        with Image.open(file) as other:
            found = other.format
    except (UnidentifiedImageError, *DECODE_ERRORS):
        raise _reject(
            _("这个文件不是图片，无法按图片解码（系统按内容判断，不看扩展名）。请上传 JPEG、PNG、WebP 或 GIF 图片。"),
            "not_an_image",
        ) from None
    raise _reject(
        _("不支持 %(format)s 格式。请上传 JPEG、PNG、WebP 或静态 GIF 图片。"), "unsupported_format", format=found
    )


def _check_size_and_frames(image):
    """Refuse pixel bombs (every frame counts) and animations, before anything is decoded."""
    frames = getattr(image, "n_frames", 1)
    pixels = image.width * image.height * frames
    limit = settings.CASEBOOK_IMAGE_MAX_PIXELS
    if pixels > limit:
        raise _reject(
            _(
                "图片像素过多：%(width)d×%(height)d，共 %(frames)d 帧，合计 %(pixels)s 百万像素，"
                "上限为 %(limit)s 百万像素。请缩小后再上传。"
            ),
            "too_many_pixels",
            width=image.width,
            height=image.height,
            frames=frames,
            pixels=_megapixels(pixels),
            limit=_megapixels(limit),
        )
    if frames > 1 and image.format != "MPO":
        raise _reject(
            _("不支持动图（%(format)s，%(frames)d 帧）：网站只显示静态图片。请上传单帧图片。"),
            "animated",
            format=ACCEPTED_FORMATS[image.format],
            frames=frames,
        )


def _stored_size(width, height):
    """The size kept: the long edge capped at CASEBOOK_IMAGE_STORED_MAX_EDGE, never enlarged."""
    scale = min(1.0, settings.CASEBOOK_IMAGE_STORED_MAX_EDGE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _widen(image):
    """16-bit, palette and 1-bit pictures as 8-bit L, RGB or RGBA, which Pillow resamples properly."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda value: value / 256).convert("L")
    if image.mode in ("RGB", "RGBA", "L", "CMYK"):
        return image
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _to_srgb(image):
    """RGB, or RGBA when some pixel is transparent, in sRGB: an embedded ICC profile is converted."""
    has_alpha = image.mode == "RGBA" and image.getchannel("A").getextrema()[0] < 255
    mode = "RGBA" if has_alpha else "RGB"
    icc = image.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: read the pixels as sRGB, as browsers do
    return image.convert(mode) if image.mode != mode else image


def normalise(file):
    """Validate `file` by decoding it and return it as a NormalisedPicture, or raise ImageRejected."""
    size = getattr(file, "size", None)
    limit = settings.CASEBOOK_IMAGE_MAX_BYTES
    if size is not None and size > limit:
        raise _reject(
            _("文件太大：%(size)s，上限为 %(limit)s。请压缩或缩小后再上传。"),
            "too_large",
            size=filesizeformat(size),
            limit=filesizeformat(limit),
        )
    # Pillow only warns about decompression bombs below twice its own limit; a warning is a refusal here.
    # (catch_warnings is process-wide state: fine for gunicorn's worker processes.)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _open(file)
            _check_size_and_frames(image)
            source_format = image.format
            target = _stored_size(*image.size)
            if source_format in ("JPEG", "MPO"):
                image.draft(None, target)  # let libjpeg decode at 1/2, 1/4, 1/8 when that is enough
            image.load()
            # Shrink first, then turn and convert the smaller picture: less time and memory.
            picture = _widen(image)
            if picture.size != target:
                picture = picture.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
            ImageOps.exif_transpose(picture, in_place=True)
            picture = _to_srgb(picture)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _reject(
                _("图片像素过多，超过了安全上限 %(limit)s 百万像素。请缩小后再上传。"),
                "too_many_pixels",
                limit=_megapixels(settings.CASEBOOK_IMAGE_MAX_PIXELS),
            ) from None
        except DECODE_ERRORS:
            raise _reject(_("图片文件不完整或已损坏，无法解码。请重新导出或换一个文件上传。"), "corrupt") from None
    picture.info = {}  # EXIF, XMP, ICC, text chunks: none of it is written again
    return NormalisedPicture(picture, source_format)


def check_upload(upload):
    """The upload wrapped as a CheckedUpload, or ImageRejected with the reason."""
    return CheckedUpload(upload, normalise(upload))


@dataclass
class Rendition:
    """One public size of a picture, encoded as WebP and as JPEG."""

    width: int
    height: int
    webp: bytes
    jpeg: bytes


def rendition_widths(width):
    """The configured widths narrower than the picture, plus its own width when it is not wider than all."""
    configured = sorted(settings.CASEBOOK_IMAGE_RENDITION_WIDTHS)
    widths = [w for w in configured if w < width]
    if width <= configured[-1]:
        widths.append(width)
    return widths


def _flatten(picture):
    """JPEG has no transparency: put transparent pictures on white."""
    if picture.mode != "RGBA":
        return picture
    background = Image.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A"))
    return background


def make_renditions(normalised):
    """A Rendition per width, widest first; each is scaled from the previous one, which is faster."""
    source = normalised.picture
    renditions = []
    for width in sorted(rendition_widths(normalised.width), reverse=True):
        height = max(1, round(normalised.height * width / normalised.width))
        if source.size != (width, height):
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        webp, jpeg = io.BytesIO(), io.BytesIO()
        source.save(webp, "WEBP", **WEBP_OPTIONS)
        _flatten(source).save(jpeg, "JPEG", **JPEG_OPTIONS)
        renditions.append(Rendition(width, height, webp.getvalue(), jpeg.getvalue()))
    return renditions
