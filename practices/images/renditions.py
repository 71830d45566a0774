"""Choosing among a picture's stored renditions (listed in PracticeImage.renditions, widest first)."""


def sizes(image):
    """The rendition entries of `image` (width, height, webp, jpeg), widest first; none without renditions."""
    return (image.renditions or {}).get("sizes", []) if image else []


def nearest(image, width):
    """The rendition nearest to `width`: the narrowest at least that wide, else the widest; None without any."""
    entries = sizes(image)
    wide_enough = [entry for entry in entries if entry["width"] >= int(width)]
    if wide_enough:
        return min(wide_enough, key=lambda entry: entry["width"])
    return entries[0] if entries else None
