"""The QR code on a feedback round's poster: the round's link, drawn as SVG by segno (a
pure-Python QR library), so it prints sharp at any size and needs no image file."""

import segno


def qr_code_svg(link: str) -> str:
    """The link as an inline SVG QR code, black on white, with a quiet zone around it.
    Error correction "M" survives a crease or a smudge on a printed poster."""
    code = segno.make(link, error="m")
    return code.svg_inline(scale=8, dark="#0b0c0c", light="#ffffff", omitsize=True)
