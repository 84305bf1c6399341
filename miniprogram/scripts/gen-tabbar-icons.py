#!/usr/bin/python3
"""Draws the four tab bar icons (needs Pillow: apt python3-pil; 81x81 PNG, grey and selected red). Run: /usr/bin/python3 scripts/gen-tabbar-icons.py"""
from pathlib import Path
from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / 'src' / 'assets' / 'tabbar'
SIZE, S = 81, 8  # draw at 8x, then downsample for smooth edges
COLORS = {'': (85, 85, 85, 255), '-active': (176, 48, 42, 255)}


def px(v):
    return int(v * S)


def home(d, c):
    d.polygon([(px(40.5), px(10)), (px(72), px(38)), (px(9), px(38))], fill=c)
    d.rectangle([px(18), px(36), px(63), px(70)], fill=c)
    d.rectangle([px(34), px(48), px(47), px(70)], fill=(0, 0, 0, 0))


def consultations(d, c):
    d.rounded_rectangle([px(6), px(10), px(52), px(42)], radius=px(8), fill=c)
    d.polygon([(px(14), px(40)), (px(26), px(40)), (px(12), px(52))], fill=c)
    d.rounded_rectangle([px(30), px(30), px(75), px(62)], radius=px(8), outline=c, width=px(5), fill=(255, 255, 255, 0))
    d.polygon([(px(58), px(60)), (px(68), px(60)), (px(70), px(72))], fill=c)


def projects(d, c):
    d.rounded_rectangle([px(14), px(12), px(67), px(74)], radius=px(6), outline=c, width=px(5))
    d.rectangle([px(28), px(6), px(53), px(18)], fill=c)
    for y in (32, 46, 60):
        d.rectangle([px(24), px(y), px(30), px(y + 6)], fill=c)
        d.rectangle([px(36), px(y + 1), px(58), px(y + 5)], fill=c)


def me(d, c):
    d.ellipse([px(25), px(8), px(56), px(39)], fill=c)
    d.pieslice([px(10), px(44), px(71), px(104)], 180, 360, fill=c)


for name, draw in {'home': home, 'consultations': consultations, 'projects': projects, 'me': me}.items():
    for suffix, color in COLORS.items():
        img = Image.new('RGBA', (SIZE * S, SIZE * S), (0, 0, 0, 0))
        draw(ImageDraw.Draw(img), color)
        img.resize((SIZE, SIZE), Image.LANCZOS).save(OUT / f'{name}{suffix}.png', optimize=True)
print('wrote', sorted(p.name for p in OUT.glob('*.png')))
