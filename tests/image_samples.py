"""Generated pictures for the image tests: phone photos with EXIF and GPS, and hostile files."""

import io
import struct
import zlib

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

RED, BLUE = (220, 20, 20), (20, 20, 220)
ORIENTATION, MAKE, SERIAL, GPS_IFD = 0x0112, 0x010F, 0xA431, 0x8825


def encode(image, fmt="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def phone_photo(orientation=1, size=(400, 200)):
    """A JPEG as a phone writes it: left half red, right half blue, with camera serial and GPS position."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    exif = image.getexif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "PhoneMaker"
    exif[SERIAL] = "SN-0012345"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (43.0, 53.0, 1.0), 3: "E", 4: (125.0, 19.0, 2.0)})
    return encode(image, exif=exif.tobytes())


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width, height):
    """A PNG that claims a size it never delivers: what a decompression bomb looks like to a parser."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))


def gif_frames(count, size=(400, 400)):
    frames = [Image.new("L", size, 40 * n % 255) for n in range(count)]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:])


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored(name):
    with default_storage.open(name) as handle:
        return handle.read()


def files_of(image):
    names = [image.image.name] + [e[k] for e in image.renditions["sizes"] for k in ("webp", "jpeg")]
    return names + ([image.original.name] if image.original else [])


HOSTILE = {
    "text named .jpg": (b"This is not a picture, only text.\n" * 20, "not_an_image", "不是图片"),
    "svg": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "unsupported_format",
        "SVG",
    ),
    "truncated jpeg": (phone_photo()[:600], "corrupt", "不完整或已损坏"),
    "heic from an iPhone": (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64, "unsupported_format", "HEIC"),
    "avif": (encode(Image.new("RGB", (16, 16)), "AVIF"), "unsupported_format", "AVIF"),
    "bmp": (encode(Image.new("RGB", (10, 10)), "BMP"), "unsupported_format", "BMP"),
    "9000x9000 png": (encode(Image.new("1", (9000, 9000)), "PNG"), "too_many_pixels", "像素过多"),
    "100000x100000 png bomb": (png_header_only(100_000, 100_000), "too_many_pixels", "像素过多"),
    "animated gif": (gif_frames(3, (40, 40)), "animated", "动图"),
}
