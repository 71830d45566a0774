"""Rebuild practices/public/data/regions.csv, the tile map's regions, from a registry package.

    pip download --no-deps cpca==0.5.5 && unzip cpca-0.5.5-py3-none-any.whl 'cpca/resources/adcodes.csv'
    pip install 'pypinyin>=0.50'
    python scripts/build_region_table.py cpca/resources/adcodes.csv > practices/public/data/regions.csv

Source: the PyPI package cpca 0.5.5 (MIT), whose adcodes.csv lists the GB/T 2260 codes, Chinese names and
seat coordinates of every province-, prefecture- and county-level division. Kept: the 34 provinces and their
prefecture-level divisions (grouping codes such as 市辖区 and 省直辖县级行政区划 left out). English names:
the provinces' below, the prefectures' in Hanyu Pinyin (pypinyin) with the conventional exceptions below.
Tile positions: provinces placed by hand; each province's prefectures placed on a small grid by their
seats' coordinates (nearest free cell, then swaps while they lower the total distance).
"""

import csv
import math
import sys

from pypinyin import lazy_pinyin

# code: (short name, English name, ISO 3166-2:CN code, column, row) — the national tile grid by hand.
PROVINCES = {
    "650000": ("新疆", "Xinjiang Uygur Autonomous Region", "XJ", 0, 2),
    "540000": ("西藏", "Tibet Autonomous Region", "XZ", 0, 3),
    "630000": ("青海", "Qinghai Province", "QH", 1, 3),
    "620000": ("甘肃", "Gansu Province", "GS", 2, 3),
    "640000": ("宁夏", "Ningxia Hui Autonomous Region", "NX", 2, 2),
    "150000": ("内蒙古", "Inner Mongolia Autonomous Region", "NM", 3, 1),
    "140000": ("山西", "Shanxi Province", "SX", 3, 2),
    "610000": ("陕西", "Shaanxi Province", "SN", 3, 3),
    "110000": ("北京", "Beijing", "BJ", 4, 1),
    "130000": ("河北", "Hebei Province", "HE", 4, 2),
    "410000": ("河南", "Henan Province", "HA", 4, 3),
    "120000": ("天津", "Tianjin", "TJ", 5, 1),
    "370000": ("山东", "Shandong Province", "SD", 5, 2),
    "320000": ("江苏", "Jiangsu Province", "JS", 5, 3),
    "210000": ("辽宁", "Liaoning Province", "LN", 6, 1),
    "220000": ("吉林", "Jilin Province", "JL", 7, 1),
    "230000": ("黑龙江", "Heilongjiang Province", "HL", 7, 0),
    "510000": ("四川", "Sichuan Province", "SC", 1, 4),
    "500000": ("重庆", "Chongqing", "CQ", 2, 4),
    "420000": ("湖北", "Hubei Province", "HB", 3, 4),
    "340000": ("安徽", "Anhui Province", "AH", 4, 4),
    "310000": ("上海", "Shanghai", "SH", 5, 4),
    "530000": ("云南", "Yunnan Province", "YN", 1, 5),
    "520000": ("贵州", "Guizhou Province", "GZ", 2, 5),
    "430000": ("湖南", "Hunan Province", "HN", 3, 5),
    "360000": ("江西", "Jiangxi Province", "JX", 4, 5),
    "330000": ("浙江", "Zhejiang Province", "ZJ", 5, 5),
    "450000": ("广西", "Guangxi Zhuang Autonomous Region", "GX", 2, 6),
    "440000": ("广东", "Guangdong Province", "GD", 3, 6),
    "350000": ("福建", "Fujian Province", "FJ", 4, 6),
    "710000": ("台湾", "Taiwan Province", "TW", 5, 6),
    "460000": ("海南", "Hainan Province", "HI", 2, 7),
    "820000": ("澳门", "Macao Special Administrative Region", "MO", 3, 7),
    "810000": ("香港", "Hong Kong Special Administrative Region", "HK", 4, 7),
}

# Names whose English form is not their pinyin (minority-language names, conventional spellings, polyphones).
EXCEPTIONS = {
    "拉萨": "Lhasa",
    "日喀则": "Shigatse",
    "昌都": "Qamdo",
    "林芝": "Nyingchi",
    "山南": "Shannan",
    "那曲": "Nagqu",
    "阿里": "Ngari",
    "乌鲁木齐": "Ürümqi",
    "克拉玛依": "Karamay",
    "吐鲁番": "Turpan",
    "哈密": "Hami",
    "阿克苏": "Aksu",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "塔城": "Tacheng",
    "阿勒泰": "Altay",
    "昌吉": "Changji",
    "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin",
    "克孜勒苏": "Kizilsu",
    "伊犁": "Ili",
    "呼和浩特": "Hohhot",
    "包头": "Baotou",
    "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulunbuir",
    "兴安": "Hinggan",
    "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa",
    "乌兰察布": "Ulanqab",
    "巴彦淖尔": "Bayannur",
    "长治": "Changzhi",
    "朝阳": "Chaoyang",
    "六安": "Lu'an",
    "长春": "Changchun",
    "长沙": "Changsha",
    "重庆": "Chongqing",
    "厦门": "Xiamen",
    "蚌埠": "Bengbu",
    "亳州": "Bozhou",
    "衢州": "Quzhou",
    "泸州": "Luzhou",
    "阆中": "Langzhong",
    "海西": "Haixi",
    "海北": "Haibei",
    "海南": "Hainan",
    "黄南": "Huangnan",
    "果洛": "Golog",
    "玉树": "Yushu",
    "甘孜": "Garzê",
    "阿坝": "Ngawa",
    "凉山": "Liangshan",
    "迪庆": "Dêqên",
    "怒江": "Nujiang",
    "德宏": "Dehong",
    "西双版纳": "Xishuangbanna",
    "甘南": "Gannan",
    "临夏": "Linxia",
    "大兴安岭": "Da Hinggan Ling",
    "哈尔滨": "Harbin",
    "齐齐哈尔": "Qiqihar",
}
ETHNIC = {
    "朝鲜族": "Korean",
    "藏族": "Tibetan",
    "羌族": "Qiang",
    "彝族": "Yi",
    "苗族": "Miao",
    "土家族": "Tujia",
    "布依族": "Bouyei",
    "侗族": "Dong",
    "白族": "Bai",
    "傣族": "Dai",
    "景颇族": "Jingpo",
    "傈僳族": "Lisu",
    "哈尼族": "Hani",
    "壮族": "Zhuang",
    "回族": "Hui",
    "蒙古族": "Mongol",
    "蒙古": "Mongol",
    "哈萨克": "Kazakh",
    "柯尔克孜": "Kyrgyz",
}
GROUPING = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def pinyin(text):
    """Hanyu Pinyin as one capitalised word, with an apostrophe before a syllable starting with a, e or o."""
    if text in EXCEPTIONS:
        return EXCEPTIONS[text]
    syllables = lazy_pinyin(text)
    word = syllables[0] + "".join(("'" + s) if s[0] in "aeo" else s for s in syllables[1:])
    return word.capitalize()


def prefecture_names(name):
    """(short Chinese name, English name) of a prefecture-level division."""
    if name.endswith("自治州"):
        base, peoples = name.removesuffix("自治州"), []
        while people := next((p for p in sorted(ETHNIC, key=len, reverse=True) if base.endswith(p)), None):
            peoples.insert(0, ETHNIC[people])
            base = base.removesuffix(people)
        return base, f"{pinyin(base)} {' '.join(peoples)} Autonomous Prefecture"
    for suffix, english in (("地区", " Prefecture"), ("盟", " League"), ("市", "")):
        if name.endswith(suffix):
            base = name.removesuffix(suffix)
            return base, pinyin(base) + english
    return name, pinyin(name)


def place(points):
    """Grid cells {key: (col, row)} for {key: (x, y)}: each point to a free cell near it, then improving swaps."""
    n = len(points)
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    width, height = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    cols = max(1, round(math.sqrt(1.6 * n * width / height)))
    rows = max(1, math.ceil(1.6 * n / cols))
    scaled = {
        k: ((x - min(xs)) / width * (cols - 1), (y - min(ys)) / height * (rows - 1)) for k, (x, y) in points.items()
    }
    cells = [(c, r) for r in range(rows) for c in range(cols)]

    def cost(k, cell):
        return (scaled[k][0] - cell[0]) ** 2 + (scaled[k][1] - cell[1]) ** 2

    taken, result = set(), {}
    for k in sorted(scaled, key=lambda k: min(cost(k, c) for c in cells)):
        cell = min((c for c in cells if c not in taken), key=lambda c: cost(k, c))
        result[k] = cell
        taken.add(cell)
    improved = True
    while improved:
        improved = False
        for a in result:
            for cell in cells:
                b = next((k for k, v in result.items() if v == cell), None)
                before = cost(a, result[a]) + (cost(b, cell) if b else 0)
                after = cost(a, cell) + (cost(b, result[a]) if b else 0)
                if after < before - 1e-9:
                    if b:
                        result[b] = result[a]
                    result[a] = cell
                    improved = True
    # Shift so the grid starts at column 0 and row 0.
    min_c = min(c for c, _ in result.values())
    min_r = min(r for _, r in result.values())
    return {k: (c - min_c, r - min_r) for k, (c, r) in result.items()}


def main(path):
    with open(path, encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "parent", "name", "short_name", "name_en", "abbreviation_en", "col", "row"])
    by_province = {}
    for row in rows:
        code = row["adcode"][:6]
        if row["adcode"][6:] != "000000":
            continue
        if code.endswith("0000") and code in PROVINCES:
            continue
        if code.endswith("00") and not code.endswith("0000") and row["name"] not in GROUPING:
            by_province.setdefault(code[:2] + "0000", []).append(row)
    names = {r["adcode"][:6]: r["name"] for r in rows}
    for code, (short, english, iso, col, row) in PROVINCES.items():
        writer.writerow([code, "", names[code], short, english, iso, col, row])
    for province in PROVINCES:
        children = by_province.get(province, [])
        if not children:
            continue
        points = {}
        for r in children:
            longitude, latitude = float(r["longitude"]), float(r["latitude"])
            points[r["adcode"][:6]] = (longitude * math.cos(math.radians(latitude)), -latitude)
        cells = place(points)
        for r in sorted(children, key=lambda r: r["adcode"]):
            code = r["adcode"][:6]
            short, english = prefecture_names(r["name"])
            writer.writerow([code, province, r["name"], short, english, "", *cells[code]])


if __name__ == "__main__":
    main(sys.argv[1])
