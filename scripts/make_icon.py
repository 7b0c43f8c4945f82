"""Draw the app icon (resources/icons/goaleditor.png and .ico) with Pillow.

A form sheet with ruled rows and a red seal: what the clerk hands in.  Run once;
the results are committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    d.rounded_rectangle(
        [28 * s, 12 * s, 212 * s, 244 * s],
        radius=14 * s,
        fill=(255, 255, 255, 255),
        outline=(40, 80, 150, 255),
        width=int(8 * s),
    )
    d.rectangle([28 * s, 12 * s, 212 * s, 60 * s], fill=(40, 80, 150, 255))
    for i in range(5):
        y = (84 + i * 30) * s
        d.line([52 * s, y, 188 * s, y], fill=(120, 140, 170, 255), width=max(1, int(6 * s)))
    d.line([100 * s, 70 * s, 100 * s, 214 * s], fill=(120, 140, 170, 255), width=max(1, int(5 * s)))
    d.ellipse([132 * s, 150 * s, 236 * s, 254 * s], fill=(200, 30, 30, 235))
    d.ellipse([150 * s, 168 * s, 218 * s, 236 * s], outline=(255, 255, 255, 255), width=int(7 * s))
    return img


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(OUT / "goaleditor.png")
    icon.save(
        OUT / "goaleditor.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)]
    )
