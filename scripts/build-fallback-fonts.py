#!/usr/bin/env python3
"""Rebuilds the fallback fonts in resources/fonts/ that the PDF report uses for glyphs DejaVu lacks.

Not part of the build: the outputs are committed, so a report never depends on the host's fonts. Run it only to
update them (needs `pip install fonttools brotli`):

  apt-get install fonts-noto-cjk                     # Noto Sans CJK (OFL-1.1), Debian package
  npm pack @fontsource/noto-emoji && tar xzf fontsource-noto-emoji-*.tgz   # Noto Emoji, monochrome (OFL-1.1)
  python3 scripts/build-fallback-fonts.py --emoji-dir package/files

NotoSansCJKsc-Regular.otf: the SC face of the collection, cut to the code points that not every DejaVu face has
(DejaVu keeps Latin, Greek, Cyrillic...), without hinting (PDF viewers rasterise themselves).
NotoEmoji-Regular.ttf: the npm package ships Noto Emoji in unicode-range slices; they are merged back into one font.
"""
import argparse
import glob
import io
import os
import re

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTCollection, TTFont

FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'fonts')
DROP = ['vhea', 'vmtx', 'VORG', 'BASE', 'JSTF', 'STAT']


def options(**kw):
    o = subset.Options()
    o.drop_tables += DROP
    o.layout_features = ['*']
    o.name_IDs = ['*']
    o.notdef_outline = True
    for k, v in kw.items():
        setattr(o, k, v)
    return o


def build_cjk(ttc, face):
    dejavu = [set(TTFont(p).getBestCmap()) for p in glob.glob(os.path.join(FONTS, 'DejaVu*.ttf'))]
    everywhere = set.intersection(*dejavu)
    font = TTCollection(ttc, recalcTimestamp=False).fonts[face]  # same input, same bytes
    wanted = sorted(set(font.getBestCmap()) - everywhere)
    s = subset.Subsetter(options(hinting=False))
    s.populate(unicodes=wanted)
    s.subset(font)
    out = os.path.join(FONTS, 'NotoSansCJKsc-Regular.otf')
    font.save(out)
    print(f'{out}: {len(wanted)} code points, {os.path.getsize(out)} bytes')


def build_emoji(slice_dir):
    paths = sorted(glob.glob(os.path.join(slice_dir, 'noto-emoji-*-400-normal.woff2')), key=lambda p: int(re.search(r'emoji-(\d+)-', p).group(1)))
    ttfs = []
    for p in paths:
        f = TTFont(p)
        f.flavor = None
        buf = io.BytesIO()
        f.save(buf)
        buf.seek(0)
        ttfs.append(buf)
    merged = Merger().merge(ttfs)
    # A code point in two slices becomes u1F4BB and u1F4BB.1; cmap keeps the first, so a slice's ZWJ ligatures
    # that name its own copy would never match. Point every layout rule at the copy that cmap uses.
    # Only code point glyphs: other names (glyph00136) repeat across slices for unrelated glyphs.
    mapped = set(merged.getBestCmap().values())
    dup = re.compile(r'^(.+)\.\d+$')
    canon = {g: m.group(1) for g in merged.getGlyphOrder() if (m := dup.match(g)) and m.group(1) in mapped}
    xml = io.StringIO()
    merged.saveXML(xml, tables=['GSUB'])
    fixed = re.sub(r'"([^"]*)"', lambda m: '"' + ','.join(canon.get(p, p) for p in m.group(1).split(',')) + '"', xml.getvalue())
    del merged['GSUB']
    merged.importXML(io.StringIO(fixed))
    buf = io.BytesIO()
    merged.save(buf)
    buf.seek(0)
    font = TTFont(buf, recalcTimestamp=False)
    s = subset.Subsetter(options())  # drops the copies no rule or cmap reaches any more
    s.populate(unicodes=font.getBestCmap().keys())
    s.subset(font)
    out = os.path.join(FONTS, 'NotoEmoji-Regular.ttf')
    font.save(out)
    print(f'{out}: {len(font.getBestCmap())} code points, {os.path.getsize(out)} bytes')


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--cjk-ttc', default='/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')
    ap.add_argument('--cjk-face', type=int, default=2, help='index in the collection; 2 = Noto Sans CJK SC')
    ap.add_argument('--emoji-dir', required=True, help='files/ of the @fontsource/noto-emoji npm package')
    a = ap.parse_args()
    build_cjk(a.cjk_ttc, a.cjk_face)
    build_emoji(a.emoji_dir)
