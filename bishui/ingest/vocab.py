"""What people write, mapped to what the warehouse stores: units, parameter names, coded values.

Matching is done on a *key*: NFKC (full-width -> half-width, ℃ -> °C, µ -> μ, ₃ -> 3), lower case,
every space removed. Parameter keys also drop '-', '_', '·' and a trailing '(以N计)'-style basis
note, so NH3-N, nh3n, NH₃-N and 氨氮(以N计) all meet."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from fractions import Fraction

from bishui import config

_SPACE = re.compile(r"\s+")


def norm_text(value: str) -> str:
    """NFKC, trimmed, inner runs of spaces collapsed to one (what a name is compared by)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", str(value))).strip()


def key(value: str) -> str:
    """The matching key of a header, unit or code: NFKC, lower case, no spaces, no '*' marks."""
    k = _SPACE.sub("", unicodedata.normalize("NFKC", str(value))).lower()
    return k.strip("*")


_PARAM_STRIP = re.compile(r"[-_·.]")
_BASIS = re.compile(r"\(以[^()]*计\)$|\(as[^()]*\)$")


def param_key(value: str) -> str:
    k = key(value)
    k = _BASIS.sub("", k)
    return _PARAM_STRIP.sub("", k)


# ---------------------------------------------------------------------------------------------
# Units: key -> (dimension, scale relative to the dimension's base unit). Conversions are exact
# rationals: a value is multiplied by num and divided by den (15 μg/L -> 15 * 1 / 1000 mg/L).
# ---------------------------------------------------------------------------------------------
_UNIT_TABLE: dict[str, tuple[str, Fraction, tuple[str, ...]]] = {
    # canonical spelling: (dimension, scale, other spellings)
    "mg/L": ("conc", Fraction(1), ("mg/l", "毫克/升", "mg/dm3", "mg·l-1", "mgl-1", "mg/升", "ppm")),
    "μg/L": ("conc", Fraction(1, 1000), ("ug/l", "μg/l", "微克/升", "μg·l-1", "ugl-1", "ppb")),
    "ng/L": ("conc", Fraction(1, 1_000_000), ("ng/l", "纳克/升")),
    # chlorophyll a is reported per cubic metre: 1 mg/m³ = 1 μg/L = 0.001 mg/L
    "mg/m³": ("conc", Fraction(1, 1000), ("mg/m3", "毫克/立方米", "mg·m-3", "mgm-3")),
    "g/L": ("conc", Fraction(1000), ("g/l", "克/升")),
    "无量纲": ("none", Fraction(1), ("无量纲", "无", "dimensionless", "none", "ph单位", "phunit", "-", "—", "/")),
    "°C": ("temp", Fraction(1), ("°c", "摄氏度", "度", "degc", "celsius")),
    "个/L": ("count", Fraction(1), ("个/l", "mpn/l", "cfu/l")),
    "个/100mL": ("count", Fraction(10), ("个/100ml", "mpn/100ml", "cfu/100ml")),
    "万个/L": ("count", Fraction(10000), ("万个/l",)),
    "m": ("length", Fraction(1), ("m", "米")),
    "cm": ("length", Fraction(1, 100), ("cm", "厘米")),
    "mm": ("length", Fraction(1, 1000), ("mm", "毫米")),
    "km": ("length", Fraction(1000), ("km", "千米", "公里")),
    "mV": ("potential", Fraction(1), ("mv", "毫伏")),
    "m³/d": (
        "flow",
        Fraction(1),
        ("m3/d", "m3/天", "立方米/日", "立方米/天", "t/d", "吨/日", "吨/天", "方/日", "方/天"),
    ),
    "万m³/d": ("flow", Fraction(10000), ("万m3/d", "万立方米/日", "万立方米/天", "万吨/日", "万吨/天", "万t/d")),
    "m³/s": ("flow", Fraction(86400), ("m3/s", "立方米/秒", "方/秒", "cms")),
    "L/s": ("flow", Fraction(432, 5), ("l/s", "升/秒")),
    "元": ("money", Fraction(1), ("元", "cny", "rmb", "yuan")),
    "万元": ("money", Fraction(10000), ("万元",)),
    "亿元": ("money", Fraction(100_000_000), ("亿元",)),
    "%": ("pct", Fraction(1), ("%", "百分比", "percent", "pct")),
}

UNITS: dict[str, tuple[str, Fraction, str]] = {}
for _canon, (_dim, _scale, _spellings) in _UNIT_TABLE.items():
    for _s in (_canon, *_spellings):
        UNITS[key(_s)] = (_dim, _scale, _canon)


def unit_of(text: str) -> tuple[str, Fraction, str] | None:
    """(dimension, scale, canonical spelling) of a unit as written, None when unknown."""
    return UNITS.get(key(text)) if text is not None else None


PER_CUBIC_METRE = "mg/m³"  # only where the warehouse stores per cubic metre (chlorophyll a)


def conversion(given: str, target: str) -> Fraction | None:
    """The factor turning a value in unit `given` into unit `target`; None when not convertible.
    A value given per cubic metre converts only to a unit per cubic metre: 'mg/m3' written for
    NH3-N is a slip (a thousandth of the value), not a unit to convert silently."""
    g, t = unit_of(given), unit_of(target)
    if g is None or t is None or g[0] != t[0]:
        return None
    if g[2] == PER_CUBIC_METRE and t[2] != PER_CUBIC_METRE:
        return None
    return g[1] / t[1]


# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------
PARAMETER_ALIASES: dict[str, tuple[str, ...]] = {
    "water_temp": ("水温", "温度", "wt", "t", "temp", "temperature", "watertemperature", "watertemp"),
    "ph": ("ph", "ph值", "酸碱度"),
    "do": ("do", "溶解氧", "dissolvedoxygen"),
    "codmn": ("codmn", "cod_mn", "高锰酸盐指数", "高锰酸钾指数", "imn", "permanganateindex"),
    "cod": ("cod", "codcr", "cod_cr", "化学需氧量", "chemicaloxygendemand"),
    "bod5": ("bod5", "bod", "五日生化需氧量", "生化需氧量"),
    "nh3n": ("nh3n", "nh3-n", "nh4n", "nh4+-n", "氨氮", "ammonia", "ammonianitrogen", "nh3"),
    "tp": ("tp", "总磷", "totalphosphorus"),
    "tn": ("tn", "总氮", "totalnitrogen"),
    "cu": ("cu", "铜", "copper"),
    "zn": ("zn", "锌", "zinc"),
    "fluoride": ("fluoride", "氟化物", "f", "f-"),
    "se": ("se", "硒", "selenium"),
    "as": ("as", "砷", "arsenic"),
    "hg": ("hg", "汞", "mercury"),
    "cd": ("cd", "镉", "cadmium"),
    "cr6": ("cr6", "cr6+", "六价铬", "铬(六价)", "cr(vi)", "chromiumvi", "chromium(vi)"),
    "pb": ("pb", "铅", "lead"),
    "cyanide": ("cyanide", "氰化物", "cn", "cn-"),
    "phenol": ("phenol", "挥发酚", "volatilephenol", "酚"),
    "petroleum": ("petroleum", "石油类", "oil", "petroleumoil"),
    "las": ("las", "阴离子表面活性剂", "anionicsurfactant"),
    "sulfide": ("sulfide", "硫化物", "s2-", "sulphide"),
    "fecal_coliform": ("fecal_coliform", "粪大肠菌群", "粪大肠菌群数", "fecalcoliform", "faecalcoliform", "fc"),
    "ss": ("ss", "悬浮物", "suspendedsolids"),
    "transparency": ("transparency", "透明度", "sd", "secchidepth", "塞氏盘透明度"),
    "chla": ("chla", "chl", "chl-a", "叶绿素a", "叶绿素", "叶绿素α", "chlorophyll", "chlorophylla"),
    "orp": ("orp", "氧化还原电位", "redoxpotential"),
    # GB 3838 Table 2 (drinking-water sources)
    "sulfate": ("sulfate", "硫酸盐", "so4", "so42-", "sulphate"),
    "chloride": ("chloride", "氯化物", "cl-", "氯离子"),
    "nitrate": ("nitrate", "硝酸盐", "硝酸盐氮", "no3n", "no3-n", "nitratenitrogen"),
    "fe": ("fe", "铁", "iron", "总铁"),
    "mn": ("mn", "锰", "manganese", "总锰"),
}


@functools.cache
def parameters() -> dict[str, dict[str, str]]:
    """code -> row of data/reference/parameters.csv (the warehouse's code list and units)."""
    with open(config.REFERENCE_DIR / "parameters.csv", encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


@functools.cache
def parameter_keys() -> dict[str, str]:
    """param_key -> parameter code, from codes, Chinese and English names and the aliases above."""
    out: dict[str, str] = {}
    for code, row in parameters().items():
        names = [code, row["name_zh"], row["name_en"], *PARAMETER_ALIASES.get(code, ())]
        # "Permanganate index (CODMn)" -> also "Permanganate index" and "CODMn"
        m = re.match(r"^(.*?)\s*\(([^()]*)\)$", row["name_en"])
        if m:
            names += [m.group(1), m.group(2)]
        for name in names:
            out.setdefault(param_key(name), code)
    return out


def parameter_code(text: str) -> str | None:
    """The parameter code for a name as written (氨氮, NH3-N, 氨氮(以N计), CODcr ...), or None."""
    if text is None:
        return None
    keys = parameter_keys()
    k = param_key(text)
    if k in keys:
        return keys[k]
    # "化学需氧量(COD)": try the part before and inside the brackets
    m = re.match(r"^(.*?)\((.*)\)$", key(text))
    if m:
        a, b = keys.get(_PARAM_STRIP.sub("", m.group(1))), keys.get(_PARAM_STRIP.sub("", m.group(2)))
        if a and (b is None or a == b):
            return a
        if b and a is None:
            return b
    return None


_UNIT_SUFFIX = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]*)[)\]]\s*$")


def split_unit(header: str) -> tuple[str, str | None]:
    """'氨氮(mg/L)' -> ('氨氮', 'mg/L'); '氨氮(以N计)' -> unchanged, None (brackets that are not a unit
    stay in the name). A unit after a space ('氨氮 mg/L') is recognised too."""
    text = norm_text(header)
    m = _UNIT_SUFFIX.match(text)
    if m and unit_of(m.group(2)) is not None:
        return m.group(1).strip(), m.group(2).strip()
    if " " in text:
        head, tail = text.rsplit(" ", 1)
        tail_unit = unit_of(tail)
        if tail_unit is not None and tail_unit[0] != "none":
            return head.strip(), tail
    return text, None


# ---------------------------------------------------------------------------------------------
# Coded values: Chinese (and English) words for the warehouse's codes, per column name.
# ---------------------------------------------------------------------------------------------
VALUE_ALIASES: dict[str, dict[str, str]] = {
    "source": {
        "手工": "manual",
        "人工": "manual",
        "手工监测": "manual",
        "实验室": "manual",
        "采样": "manual",
        "自动": "auto",
        "自动站": "auto",
        "自动监测": "auto",
        "在线": "auto",
        "在线监测": "auto",
        "水质自动站": "auto",
    },
    "control_level": {
        "国控": "national",
        "国考": "national",
        "国家": "national",
        "国控断面": "national",
        "省控": "provincial",
        "省考": "provincial",
        "省级": "provincial",
        "省控断面": "provincial",
        "市控": "city",
        "市考": "city",
        "市级": "city",
        "市控断面": "city",
        "区控": "district",
        "县控": "district",
        "区级": "district",
        "区考": "district",
        "区控断面": "district",
    },
    "water_body_type": {
        "河流": "river",
        "河": "river",
        "湖泊": "lake",
        "湖": "lake",
        "湖库": "lake",
        "水库": "reservoir",
        "库": "reservoir",
    },
    "category": {
        "工业": "industrial",
        "工业排污口": "industrial",
        "城镇污水处理厂": "urban_wwtp",
        "城镇污水处理厂排污口": "urban_wwtp",
        "农业": "agricultural",
        "农业排口": "agricultural",
        "其他": "other",
        "其它": "other",
        "其他排口": "other",
    },
    "status": {
        # outfalls
        "排查": "surveyed",
        "已排查": "surveyed",
        "监测": "monitored",
        "已监测": "monitored",
        "溯源": "traced",
        "已溯源": "traced",
        "整治": "rectifying",
        "整治中": "rectifying",
        "销号": "closed",
        "已销号": "closed",
        # facilities
        "运行": "operating",
        "运行中": "operating",
        "正常运行": "operating",
        "在运": "operating",
        "在建": "under_construction",
        "建设中": "under_construction",
        "关闭": "closed",
        "停运": "closed",
        # water bodies
        "发现": "found",
        "已发现": "found",
        "新发现": "found",
        "治理中": "rectifying",
        "消除": "cleared",
        "已消除": "cleared",
        "完成治理": "cleared",
        "长制久清": "closed",
        # task updates
        "未开始": "not_started",
        "未启动": "not_started",
        "进行中": "in_progress",
        "推进中": "in_progress",
        "实施中": "in_progress",
        "已完成": "done",
        "完成": "done",
        "受阻": "blocked",
        "滞后": "blocked",
        "暂停": "blocked",
    },
    "remediation": {
        "取缔": "ban",
        "合并": "merge",
        "规范": "regularise",
        "规范整治": "regularise",
        "regularize": "regularise",
    },
    "approval_state": {
        "审批": "approved",
        "已审批": "approved",
        "批复": "approved",
        "登记": "registered",
        "已登记": "registered",
        "备案": "registered",
        "待审批": "pending",
        "待定": "pending",
        "办理中": "pending",
        "无": "none",
        "未审批": "none",
        "未登记": "none",
    },
    "kind": {
        "雨水": "rain",
        "雨水管": "rain",
        "污水": "sewage",
        "污水管": "sewage",
        "合流": "combined",
        "合流管": "combined",
        "雨污合流": "combined",
        "污水处理厂": "wwtp",
        "污水厂": "wwtp",
        "泵站": "pump_station",
        "提升泵站": "pump_station",
        "溢流点": "overflow_point",
        "溢流口": "overflow_point",
        "城市": "urban",
        "城市建成区": "urban",
        "城镇": "urban",
        "农村": "rural",
        "镇": "town",
        "乡": "town",
        "乡镇": "town",
        "街道": "subdistrict",
        "街道办事处": "subdistrict",
    },
    "retrofit_status": {
        "无": "none",
        "未改造": "none",
        "不改造": "none",
        "计划": "planned",
        "计划改造": "planned",
        "拟改造": "planned",
        "施工中": "in_progress",
        "改造中": "in_progress",
        "在建": "in_progress",
        "完成": "done",
        "已完成": "done",
        "已改造": "done",
    },
    "line_drawn": {
        "顺流向": "downstream",
        "顺流": "downstream",
        "顺水流方向": "downstream",
        "源头到河口": "downstream",
        "自源头": "downstream",
        "逆流向": "upstream",
        "逆流": "upstream",
        "逆水流方向": "upstream",
        "河口到源头": "upstream",
        "自河口": "upstream",
    },
    "object_kind": {
        "断面": "section",
        "监测断面": "section",
        "排污口": "outfall",
        "入河排污口": "outfall",
        "排口": "outfall",
        "污水处理厂": "plant",
        "污水厂": "plant",
        "wwtp": "plant",
        "treatment plant": "plant",
        "溢流点": "overflow",
        "溢流口": "overflow",
        "合流制溢流点": "overflow",
        "overflow point": "overflow",
        "管网空白区": "blank_area",
        "空白区": "blank_area",
        "blank area": "blank_area",
        "黑臭水体": "black_odorous",
        "black-odorous body": "black_odorous",
        "black odorous": "black_odorous",
    },
    "action": {
        "开闸": "open",
        "开启": "open",
        "提闸": "open",
        "开": "open",
        "关闸": "close",
        "关闭": "close",
        "落闸": "close",
        "关": "close",
        "调整": "adjust",
        "调整开度": "adjust",
        "调节": "adjust",
    },
    "reason_code": {
        "上游来水超标": "exceedance_upstream",
        "上游超标": "exceedance_upstream",
        "水质超标": "exceedance_upstream",
        "超标": "exceedance_upstream",
        "防汛": "flood",
        "防汛排涝": "flood",
        "排涝": "flood",
        "泄洪": "flood",
        "灌溉": "irrigation",
        "农业灌溉": "irrigation",
        "生态补水": "eco_flow",
        "生态流量": "eco_flow",
        "生态调度": "eco_flow",
        "检修": "maintenance",
        "维修": "maintenance",
        "其他": "other",
        "其它": "other",
    },
    "item_code": {
        "管网清淤": "pipe_dredging",
        "管网清淤疏浚": "pipe_dredging",
        "清淤疏浚": "pipe_dredging",
        "降低管网水位": "pipe_level",
        "降低管网运行水位": "pipe_level",
        "降水位": "pipe_level",
        "泵站检修": "pump_station",
        "泵站": "pump_station",
        "强排站": "pump_station",
        "闸门维护": "sluice",
        "闸门": "sluice",
        "闸门检修": "sluice",
        "雨水口清掏": "rain_inlet",
        "雨水口": "rain_inlet",
        "雨水口维护": "rain_inlet",
        "沿岸清理": "bank_cleanup",
        "河湖沿岸清理": "bank_cleanup",
        "河道清理": "bank_cleanup",
        "闸坝沟渠拦截污水清理": "ditch_water",
        "拦截污水清理": "ditch_water",
        "沟渠拦蓄水清理": "ditch_water",
    },
    "source_type": {
        "河流型": "river",
        "河流": "river",
        "河道型": "river",
        "水库型": "reservoir",
        "湖库型": "reservoir",
        "水库": "reservoir",
        "湖库": "reservoir",
        "地下水型": "groundwater",
        "地下水": "groundwater",
        "井群": "groundwater",
    },
    "zone_level": {
        "一级": "first",
        "一级保护区": "first",
        "一级区": "first",
        "二级": "second",
        "二级保护区": "second",
        "二级区": "second",
        "1": "first",
        "2": "second",
    },
    "problem_status": {
        "未整改": "open",
        "待整改": "open",
        "未开始": "open",
        "整改中": "rectifying",
        "推进中": "rectifying",
        "进行中": "rectifying",
        "已整改": "done",
        "已完成": "done",
        "完成": "done",
        "整改完成": "done",
    },
    # medical institutions (queries/schema/067_medical.sql)
    "level": {
        "县级及以上": "county",
        "县级": "county",
        "区级": "county",
        "县": "county",
        "二级": "county",
        "三级": "county",
        "乡镇": "township",
        "乡镇级": "township",
        "街道": "township",
        "卫生院": "township",
        "村": "village",
        "村级": "village",
        "社区": "village",
        "诊所": "village",
        "门诊部": "village",
    },
    "treatment": {
        "二级处理": "secondary",
        "二级": "secondary",
        "生化处理": "secondary",
        "一级处理": "primary",
        "一级强化": "primary",
        "一级": "primary",
        "仅消毒": "disinfection_only",
        "消毒": "disinfection_only",
        "无": "none",
        "未处理": "none",
    },
    "disinfection": {
        "含氯消毒": "chlorine",
        "含氯": "chlorine",
        "次氯酸钠": "chlorine",
        "液氯": "chlorine",
        "漂白粉": "chlorine",
        "二氧化氯": "chlorine_dioxide",
        "紫外线": "uv",
        "紫外": "uv",
        "臭氧": "ozone",
        "无": "none",
        "未消毒": "none",
    },
    "discharge_to": {
        "河流": "river",
        "直排": "river",
        "直排河道": "river",
        "水体": "river",
        "地表水": "river",
        "市政管网": "sewer",
        "管网": "sewer",
        "污水管网": "sewer",
        "城镇污水管网": "sewer",
    },
    # pollution sources (queries/schema/068_enforcement.sql)
    "source_kind": {
        "工业": "industry",
        "工业企业": "industry",
        "涉水工业企业": "industry",
        "企业": "industry",
        "医院": "hospital",
        "医疗机构": "hospital",
        "学校": "school",
        "养殖": "farm",
        "养殖场": "farm",
        "规模化养殖": "farm",
        "规模化养殖场": "farm",
        "污水处理设施": "sewage_facility",
        "集中式污水处理设施": "sewage_facility",
        "污水处理厂": "sewage_facility",
        "泵站": "sewage_facility",
        "其他": "other",
        "其它": "other",
    },
    "direction": {
        "≤": "le",
        "<=": "le",
        "不高于": "le",
        "不大于": "le",
        "以下": "le",
        "≥": "ge",
        ">=": "ge",
        "不低于": "ge",
        "不小于": "ge",
        "以上": "ge",
    },
}

# Where one code means different things in different columns ("open" sluice vs "open" problem),
# the column's own words win over VALUE_LABELS_ZH (value_label_zh).
COLUMN_VALUE_LABELS_ZH: dict[str, dict[str, str]] = {"problem_status": {"open": "未整改"}}


def value_label_zh(column: str, code: str) -> str:
    """A code of a column in Chinese words (the code itself when there are none)."""
    return COLUMN_VALUE_LABELS_ZH.get(column, {}).get(code) or VALUE_LABELS_ZH.get(code, code)


# Coded columns without a CHECK constraint in the schema.
EXTRA_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("towns", "kind"): ("subdistrict", "town"),
    ("outfalls", "category"): ("industrial", "urban_wwtp", "agricultural", "other"),
    ("compensation_rules", "rule_id"): ("F1", "F2"),
}

VALUE_LABELS_ZH: dict[str, str] = {
    "manual": "手工",
    "auto": "自动",
    "national": "国控",
    "provincial": "省控",
    "city": "市控",
    "district": "区控",
    "river": "河流",
    "lake": "湖泊",
    "reservoir": "水库",
    "industrial": "工业",
    "urban_wwtp": "城镇污水处理厂",
    "agricultural": "农业",
    "other": "其他",
    "surveyed": "排查",
    "monitored": "监测",
    "traced": "溯源",
    "rectifying": "整治中",
    "closed": "销号",
    "ban": "取缔",
    "merge": "合并",
    "regularise": "规范整治",
    "approved": "已审批",
    "registered": "已登记",
    "pending": "待审批",
    "none": "无",
    "rain": "雨水",
    "sewage": "污水",
    "combined": "合流",
    "wwtp": "污水处理厂",
    "pump_station": "泵站",
    "overflow_point": "溢流点",
    "operating": "运行中",
    "under_construction": "在建",
    "urban": "城市建成区",
    "rural": "农村",
    "found": "已发现",
    "cleared": "已消除",
    "not_started": "未开始",
    "in_progress": "推进中",
    "done": "已完成",
    "blocked": "受阻",
    "planned": "计划改造",
    "town": "镇",
    "subdistrict": "街道",
    "le": "≤",
    "ge": "≥",
    "downstream": "顺流向",
    "upstream": "逆流向",
    "section": "断面",
    "outfall": "排污口",
    "plant": "污水处理厂",
    "overflow": "溢流点",
    "blank_area": "管网空白区",
    "black_odorous": "黑臭水体",
    "open": "开闸",
    "close": "关闸",
    "adjust": "调整开度",
    "exceedance_upstream": "上游来水超标",
    "flood": "防汛排涝",
    "irrigation": "灌溉",
    "eco_flow": "生态补水",
    "maintenance": "检修",
    "pipe_dredging": "管网清淤",
    "pipe_level": "降低管网水位",
    "sluice": "闸门",
    "rain_inlet": "雨水口清掏",
    "bank_cleanup": "沿岸清理",
    "ditch_water": "闸坝沟渠拦截污水清理",
    "groundwater": "地下水型",
    "first": "一级保护区",
    "second": "二级保护区",
    "county": "县级及以上",
    "township": "乡镇",
    "village": "村/社区",
    "secondary": "二级处理",
    "primary": "一级处理",
    "disinfection_only": "仅消毒",
    "chlorine": "含氯消毒",
    "chlorine_dioxide": "二氧化氯",
    "uv": "紫外线",
    "ozone": "臭氧",
    "sewer": "市政管网",
    "industry": "工业企业",
    "hospital": "医院",
    "school": "学校",
    "farm": "规模化养殖",
    "sewage_facility": "污水处理设施",
}

TRUE_WORDS = {"true", "t", "yes", "y", "1", "是", "有", "√", "✓", "对", "真", "1.0"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "否", "无", "×", "x", "✗", "假", "0.0"}

# "not detected" spellings (value NULL, below_detection_limit true, limit from the limit column)
NOT_DETECTED = {"nd", "n.d.", "n.d", "未检出", "未检测出", "<dl", "低于检出限", "检出限以下", "bdl", "<lod"}
# "not measured" in a wide file: the cell produces no reading
NOT_MEASURED = {"", "-", "—", "——", "/", "\\", "--", "na", "n/a", "null", "none", "未测", "未监测", "无", "nan"}

ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "ⅰ": 1,
    "ⅱ": 2,
    "ⅲ": 3,
    "ⅳ": 4,
    "ⅴ": 5,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
}


def class_number(text: str) -> int | None:
    """'Ⅲ', 'III', 'Ⅲ类', '3', '三类' -> 3 (NFKC turns Ⅲ into III)."""
    k = key(text).removesuffix("类").removeprefix("类")
    return ROMAN.get(k)
