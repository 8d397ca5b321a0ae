"""The columns of every importable kind: Chinese and English labels, header aliases, references.

Types, NOT NULL and coded values come from the warehouse schema itself (bishui.ingest.schema); this
module says what people call the columns and what they point at. Labels are what the templates
use; every label is also an alias."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from bishui.ingest import schema, vocab


@dataclass(frozen=True)
class Col:
    name: str  # warehouse column (or a helper such as 'unit')
    zh: str  # template header, Chinese
    en: str  # template header, English
    aliases: tuple[str, ...] = ()
    ref: str | None = None  # sections | outfalls | facilities | water_bodies | towns | rivers | targets | tasks
    # | objects (any object tracing places: which table by the ref_by column)
    ref_by: str | None = None  # ref "objects": the column naming the object's kind (river_positions)
    observed: bool = False  # a date something was observed: may not lie in the future
    month: bool = False  # a month: stored as its first day
    unit: str | None = None  # unit of a numeric column (a header unit is converted to it)
    parameter: str | None = None  # the column holds this parameter (its names are aliases too)
    helper: bool = False  # not a warehouse column (unit, below-detection flag words ...)
    example: str = ""
    fallback: str | None = None  # when empty, take this column's value (name_en <- name_zh)
    pct: bool = False
    lo: float | None = None  # plausible range (inclusive)
    hi: float | None = None
    nonneg: bool = False
    in_template: bool = True  # shown in the import template


def C(name, zh, en, *aliases, **kw) -> Col:
    return Col(name, zh, en, tuple(aliases), **kw)


LON = C("lon", "经度", "Longitude", "longitude", "lon", "lng", "x", "东经", "经度(°)", example="116.02")
LAT = C("lat", "纬度", "Latitude", "latitude", "lat", "y", "北纬", "纬度(°)", example="36.42")
TOWN = C(
    "town_id",
    "所在镇街",
    "Township",
    "镇街",
    "镇街道",
    "镇/街道",
    "乡镇",
    "乡镇街道",
    "街道",
    "镇",
    "所属镇街",
    "所属乡镇",
    "镇街名称",
    "town",
    "township",
    "town id",
    ref="towns",
    example="甲街道",
)
RIVER = C(
    "river_id",
    "所在河流",
    "River",
    "河流",
    "河流名称",
    "所属河流",
    "河流编号",
    "river",
    "river id",
    ref="rivers",
    example="测试河",
)
GEOM = C(
    "geom_wkb",
    "几何(WKT)",
    "Geometry (WKT)",
    "几何",
    "geometry",
    "geom",
    "wkt",
    "the_geom",
    "shape",
    "坐标串",
    "空间信息",
    "几何(wkt)",
    example="LINESTRING (116.01 36.425, 116.0113 36.4255)",
)
GEOM_AREA = Col(
    GEOM.name,
    GEOM.zh,
    GEOM.en,
    GEOM.aliases,
    example="POLYGON ((116.1 36.4, 116.15 36.4, 116.15 36.45, 116.1 36.45, 116.1 36.4))",
)


def _param_col(name: str, code: str, unit: str, example: str, **kw) -> Col:
    p = vocab.parameters()[code]
    return Col(
        name,
        f"{p['name_zh']}({unit})",
        f"{p['name_en']} ({unit})",
        (),
        parameter=code,
        unit=unit,
        example=example,
        **kw,
    )


@functools.cache
def kind_columns() -> dict[str, tuple[Col, ...]]:
    """kind -> its columns, in template order."""
    K: dict[str, list[Col]] = {}
    K["readings"] = [
        C(
            "section_id",
            "断面名称",
            "Section",
            "断面",
            "断面编号",
            "断面代码",
            "点位",
            "点位名称",
            "监测点位",
            "监测断面",
            "断面(点位)名称",
            "站点",
            "站点名称",
            "测站",
            "section",
            "section name",
            "section id",
            "section code",
            "site",
            "station",
            ref="sections",
            example="测试河一号桥",
        ),
        C(
            "sampled_on",
            "采样日期",
            "Sampling date",
            "采样时间",
            "监测时间",
            "监测日期",
            "日期",
            "时间",
            "采样日期时间",
            "date",
            "sampling date",
            "sample date",
            "sampled on",
            "datetime",
            "sampling time",
            observed=True,
            example="2023-05-03",
        ),
        C(
            "sampled_at",
            "采样时刻",
            "Sampling time",
            "时刻",
            "sampled at",
            "time of day",
            observed=True,
            in_template=False,
        ),
        C(
            "parameter",
            "监测项目",
            "Parameter",
            "指标",
            "项目",
            "监测指标",
            "项目名称",
            "污染物",
            "因子",
            "监测因子",
            "parameter",
            "item",
            "determinand",
            "analyte",
            example="氨氮",
        ),
        C(
            "value",
            "监测值",
            "Value",
            "浓度",
            "结果",
            "测定值",
            "数值",
            "监测结果",
            "检测结果",
            "浓度值",
            "value",
            "result",
            "concentration",
            example="0.52",
        ),
        C("unit", "单位", "Unit", "计量单位", "unit", "units", helper=True, example="mg/L"),
        C(
            "detection_limit",
            "检出限",
            "Detection limit",
            "方法检出限",
            "最低检出限",
            "检出下限",
            "detection limit",
            "dl",
            "lod",
            "mdl",
            example="",
        ),
        C(
            "below_detection_limit",
            "是否未检出",
            "Below detection limit",
            "未检出",
            "低于检出限",
            "below detection limit",
            "below_dl",
            "bdl",
            in_template=False,
        ),
        C("source", "数据来源", "Source", "来源", "监测方式", "数据类型", "source", example="手工"),
    ]
    K["sections"] = [
        C(
            "section_id",
            "断面编号",
            "Section code",
            "编号",
            "断面代码",
            "代码",
            "code",
            "id",
            "section id",
            example="s_new",
        ),
        C("name_zh", "断面名称", "Section name", "名称", "中文名称", "断面", "name", "name zh", example="测试河三号桥"),
        C("name_en", "英文名称", "English name", "name en", "english name", fallback="name_zh", example="Bridge Three"),
        RIVER,
        TOWN,
        C(
            "control_level",
            "控制级别",
            "Control level",
            "级别",
            "断面级别",
            "考核级别",
            "断面属性",
            "level",
            "control level",
            example="区控",
        ),
        C("water_body_type", "水体类型", "Water body type", "类型", "水体", "type", "water body type", example="河流"),
        C(
            "target_class",
            "目标水质类别",
            "Target class",
            "水质目标",
            "目标类别",
            "目标水质",
            "考核目标",
            "target",
            "target class",
            example="Ⅲ",
        ),
        C(
            "is_assessment",
            "是否考核断面",
            "Assessment section",
            "考核断面",
            "是否考核",
            "assessment",
            "is assessment",
            example="是",
        ),
        C(
            "is_drinking_source",
            "是否饮用水水源地",
            "Drinking-water source",
            "饮用水水源地",
            "水源地",
            "是否水源地",
            "drinking source",
            "is drinking source",
            example="否",
        ),
        C(
            "excluded_parameters",
            "扣除项目",
            "Excluded parameters",
            "不参与评价项目",
            "本底扣除项目",
            "excluded",
            "excluded parameters",
            example="",
        ),
        C(
            "has_auto_station",
            "是否有自动站",
            "Has automatic station",
            "自动站",
            "是否建有自动站",
            "auto station",
            "has auto station",
            example="否",
        ),
        LON,
        LAT,
    ]
    K["towns"] = [
        C("town_id", "镇街编号", "Township code", "编号", "代码", "code", "id", example="t3"),
        C("name_zh", "镇街名称", "Township name", "名称", "镇街", "name", example="丙镇"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="Town Three"),
        C("kind", "类型", "Kind", "镇/街道", "type", example="镇"),
        GEOM_AREA,
    ]
    K["rivers"] = [
        C("river_id", "河流编号", "River code", "编号", "代码", "code", "id", example="r2"),
        C("name_zh", "河流名称", "River name", "名称", "河流", "name", example="测试二河"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="Test River Two"),
        GEOM,
    ]
    K["outfalls"] = [
        C("outfall_id", "排污口编号", "Outfall code", "编号", "排口编号", "代码", "code", "id", example="o9"),
        C(
            "name_zh",
            "排污口名称",
            "Outfall name",
            "名称",
            "排口名称",
            "入河排污口名称",
            "name",
            example="测试河雨水排口09",
        ),
        C("category", "排污口类别", "Category", "类别", "一级类别", "排口类别", "category", example="其他"),
        C(
            "sub_type",
            "排污口类型",
            "Sub-type",
            "类型",
            "二级类别",
            "细分类型",
            "排口类型",
            "sub type",
            "type",
            ref="outfall_types",
            example="城镇雨洪排口",
        ),
        RIVER,
        TOWN,
        LON,
        LAT,
        C("status", "工作进度", "Status", "状态", "进度", "工作阶段", "status", example="排查"),
        C("remediation", "整治方式", "Remediation", "整治类型", "整治措施", "remediation", example=""),
        C(
            "approval_state",
            "审批登记状态",
            "Approval state",
            "审批状态",
            "审批/登记",
            "设置审批",
            "approval",
            "approval state",
            example="无",
        ),
        C(
            "is_direct_sewage",
            "是否生活污水直排口",
            "Domestic-sewage direct outfall",
            "生活污水直排口",
            "直排口",
            "是否直排",
            "direct sewage",
            example="否",
        ),
        C("responsible_unit", "责任单位", "Responsible unit", "责任主体", "responsible unit", example="甲街道"),
        C("tracing_result", "溯源结果", "Tracing result", "tracing result", example=""),
        C(
            "discovered_on",
            "发现日期",
            "Discovered on",
            "排查日期",
            "发现时间",
            "discovered on",
            observed=True,
            example="2023-05-03",
        ),
        C("traced_on", "溯源日期", "Traced on", "溯源完成日期", "traced on", observed=True),
        C("rectification_deadline", "整治期限", "Rectification deadline", "整治时限", "限期", "deadline"),
        C("rectified_on", "整治完成日期", "Rectified on", "整治完成时间", "rectified on", observed=True),
        C("closed_on", "销号日期", "Closed on", "销号时间", "closed on", observed=True),
    ]
    K["outfall_inspections"] = [
        C(
            "outfall_id",
            "排污口名称",
            "Outfall",
            "排污口",
            "排口",
            "排口名称",
            "排污口编号",
            "排口编号",
            "outfall",
            "outfall id",
            "outfall name",
            ref="outfalls",
            example="测试河雨水排口01",
        ),
        C(
            "inspected_on",
            "监测日期",
            "Inspected on",
            "检测日期",
            "采样日期",
            "日期",
            "监测时间",
            "date",
            "inspected on",
            observed=True,
            example="2023-05-03",
        ),
        C("parameter", "监测项目", "Parameter", "指标", "项目", "parameter", example="化学需氧量"),
        C(
            "has_flow",
            "是否有流量",
            "Has flow",
            "有无流量",
            "是否有水",
            "是否出水",
            "有水",
            "flow",
            "has flow",
            example="是",
        ),
        C("value", "监测值", "Value", "浓度", "结果", "value", "result", nonneg=True, example="28"),
        C("unit", "单位", "Unit", "计量单位", "unit", helper=True, example="mg/L"),
        C(
            "limit_value",
            "标准限值",
            "Limit",
            "限值",
            "排放限值",
            "执行标准限值",
            "limit",
            "limit value",
            nonneg=True,
            example="50",
        ),
    ]
    K["pipes"] = [
        C("pipe_id", "管段编号", "Pipe code", "编号", "管道编号", "管线编号", "code", "id", example="pp9"),
        C("kind", "管道类型", "Kind", "类型", "管网类型", "管道类别", "type", example="合流"),
        C(
            "was_combined",
            "是否原为合流管",
            "Was combined",
            "原为合流",
            "曾为合流",
            "原合流管",
            "was combined",
            example="是",
        ),
        C(
            "diameter_mm",
            "管径(mm)",
            "Diameter (mm)",
            "管径",
            "口径",
            "diameter",
            unit="mm",
            nonneg=True,
            example="600",
        ),
        C(
            "length_m",
            "长度(m)",
            "Length (m)",
            "长度",
            "管长",
            "管道长度",
            "length",
            unit="m",
            nonneg=True,
            example="120.5",
        ),
        TOWN,
        C("road_zh", "所在道路", "Road", "道路", "路名", "道路名称", "road", example="测试大街"),
        C(
            "retrofit_status",
            "改造状态",
            "Retrofit status",
            "改造进度",
            "雨污分流改造状态",
            "retrofit status",
            example="计划改造",
        ),
        C(
            "retrofit_started_on",
            "改造开工日期",
            "Retrofit started on",
            "开工日期",
            "retrofit started on",
            observed=True,
        ),
        C("separated_on", "分流完成日期", "Separated on", "完成日期", "改造完成日期", "separated on", observed=True),
        GEOM,
    ]
    K["facilities"] = [
        C("facility_id", "设施编号", "Facility code", "编号", "代码", "code", "id", example="p9"),
        C("kind", "设施类型", "Kind", "类型", "type", example="污水处理厂"),
        C("name_zh", "设施名称", "Facility name", "名称", "name", example="丙镇污水处理厂"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="Town Three WWTP"),
        TOWN,
        C(
            "capacity_m3_d",
            "设计规模(m³/d)",
            "Capacity (m³/d)",
            "设计规模",
            "处理能力",
            "规模",
            "设计处理能力",
            "capacity",
            unit="m³/d",
            nonneg=True,
            example="1000",
        ),
        C("status", "运行状态", "Status", "状态", "status", example="运行中"),
        C("built_on", "建成日期", "Built on", "建设日期", "built on"),
        C("commissioned_on", "投运日期", "Commissioned on", "投入运行日期", "投产日期", "commissioned on"),
        LON,
        LAT,
    ]
    K["plant_effluent"] = [
        C(
            "facility_id",
            "污水处理厂",
            "Plant",
            "厂名",
            "污水处理厂名称",
            "设施",
            "设施名称",
            "污水厂",
            "plant",
            "facility",
            "facility id",
            ref="facilities",
            example="乙镇污水处理厂",
        ),
        C(
            "month",
            "月份",
            "Month",
            "月",
            "日期",
            "时间",
            "统计月份",
            "month",
            observed=True,
            month=True,
            example="2023年5月",
        ),
        _param_col("cod_mg_l", "cod", "mg/L", "25", nonneg=True),
        _param_col("bod5_mg_l", "bod5", "mg/L", "5", nonneg=True),
        _param_col("nh3n_mg_l", "nh3n", "mg/L", "1.2", nonneg=True),
        _param_col("tp_mg_l", "tp", "mg/L", "0.3", nonneg=True),
        _param_col("tn_mg_l", "tn", "mg/L", "10", nonneg=True),
        _param_col("ss_mg_l", "ss", "mg/L", "6", nonneg=True),
        C(
            "flow_m3_d",
            "日均处理量(m³/d)",
            "Mean flow (m³/d)",
            "处理水量",
            "日均处理水量",
            "处理量",
            "流量",
            "日均流量",
            "flow",
            unit="m³/d",
            nonneg=True,
            example="900",
        ),
        _param_col("water_temp_c", "water_temp", "°C", "14", lo=-2, hi=45),
    ]
    K["network_blank_areas"] = [
        C("area_id", "空白区编号", "Area code", "编号", "code", "id", example="a9"),
        C("name_zh", "空白区名称", "Area name", "名称", "name", example="测试空白区三"),
        TOWN,
        C("found_on", "发现日期", "Found on", "排查日期", "found on", observed=True, example="2023-05-03"),
        C("closed_on", "消除日期", "Closed on", "完成日期", "closed on", observed=True),
        LON,
        LAT,
    ]
    K["water_bodies"] = [
        C("body_id", "水体编号", "Water body code", "编号", "代码", "code", "id", example="b9"),
        C("name_zh", "水体名称", "Water body name", "名称", "黑臭水体名称", "name", example="测试南沟"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="South ditch"),
        C("kind", "水体类型", "Kind", "类型", "城市/农村", "type", example="农村"),
        TOWN,
        C("status", "治理状态", "Status", "状态", "整治状态", "status", example="整治中"),
        C("found_on", "发现日期", "Found on", "排查日期", "认定日期", "found on", observed=True, example="2023-03-01"),
        C("rectify_started_on", "整治开工日期", "Rectification started on", "开工日期", "整治开始日期", observed=True),
        C("cleared_on", "消除日期", "Cleared on", "完成日期", "完工日期", "cleared on", observed=True),
        C("closed_on", "销号日期", "Closed on", "closed on", observed=True),
        C("length_m", "长度(m)", "Length (m)", "长度", "水体长度", "length", unit="m", nonneg=True, example="400"),
        LON,
        LAT,
    ]
    K["water_body_inspections"] = [
        C(
            "body_id",
            "水体名称",
            "Water body",
            "水体",
            "水体编号",
            "黑臭水体",
            "黑臭水体名称",
            "water body",
            "body id",
            ref="water_bodies",
            example="测试村东沟",
        ),
        C(
            "inspected_on",
            "监测日期",
            "Inspected on",
            "日期",
            "采样日期",
            "检测日期",
            "date",
            "inspected on",
            observed=True,
            example="2023-05-03",
        ),
        C("point_no", "点位号", "Point", "点位", "监测点位", "采样点", "点号", "point", "point no", example="1"),
        _param_col("transparency_cm", "transparency", "cm", "40", nonneg=True),
        _param_col("do_mg_l", "do", "mg/L", "6.5", nonneg=True),
        _param_col("orp_mv", "orp", "mV", "120"),
        _param_col("nh3n_mg_l", "nh3n", "mg/L", "1.2", nonneg=True),
        C("depth_cm", "水深(cm)", "Depth (cm)", "水深", "depth", unit="cm", nonneg=True, example="80"),
    ]
    K["targets"] = [
        C("target_id", "目标编号", "Target code", "编号", "code", "id", example="S9"),
        C("year", "年度", "Year", "年份", "year", example="2023"),
        C("title_zh", "目标名称", "Title", "目标", "名称", "title", example="三号桥断面达到Ⅲ类"),
        C("title_en", "英文名称", "English title", "title en", fallback="title_zh", example="Bridge Three: class III"),
        C("measure", "计算方式", "Measure", "measure", example="section_class:s_new"),
        C("goal_value", "目标值", "Goal", "goal", "goal value", example="3"),
        C("direction", "方向", "Direction", "达标方向", "direction", example="≤"),
        C("unit", "单位", "Unit", "unit", example="类"),
        C("deadline", "完成时限", "Deadline", "期限", "deadline", example="2023-12-31"),
        C("is_per_town", "是否分镇街", "Per township", "分镇街", "per town", example="否"),
        C("owner_zh", "责任单位", "Owner", "责任部门", "owner", example="区生态环境分局"),
        C("owner_en", "责任单位(英文)", "Owner (English)", "owner en", fallback="owner_zh"),
    ]
    K["target_progress"] = [
        C(
            "target_id",
            "目标编号",
            "Target",
            "目标",
            "目标名称",
            "指标编号",
            "target",
            "target id",
            ref="targets",
            example="R1",
        ),
        C("town_id", "镇街", "Township", "所在镇街", "乡镇", "镇/街道", "街道", "town", ref="towns", example=""),
        C(
            "period",
            "月份",
            "Period",
            "报告期",
            "期间",
            "时间",
            "统计月份",
            "period",
            "month",
            observed=True,
            month=True,
            example="2023年5月",
        ),
        C("value", "完成值", "Value", "数值", "完成情况", "进展值", "值", "value", example="3"),
        C("note", "备注", "Note", "说明", "note", example="完成3个村"),
        C("reported_on", "填报日期", "Reported on", "上报日期", "reported on", observed=True, example="2023-06-01"),
    ]
    K["tasks"] = [
        C("task_no", "任务序号", "Task number", "序号", "任务编号", "编号", "task no", "no", example="16"),
        C("title_zh", "任务名称", "Task", "任务", "名称", "title", example="示例任务"),
        C("title_en", "英文名称", "English title", "title en", fallback="title_zh", example="Example task"),
        C("lead_units", "牵头单位", "Lead units", "牵头部门", "lead units", example="区生态环境分局"),
        C("responsible_units", "责任单位", "Responsible units", "配合单位", "responsible units", example="甲街道;乙镇"),
        C("deadline", "完成时限", "Deadline", "期限", "deadline", example="2023-12-31"),
        C("lead_units_en", "牵头单位(英文)", "Lead units (English)", "lead units en"),
        C("responsible_units_en", "责任单位(英文)", "Responsible units (English)", "responsible units en"),
    ]
    K["task_updates"] = [
        C(
            "task_no",
            "任务序号",
            "Task number",
            "序号",
            "任务编号",
            "任务",
            "task",
            "task no",
            ref="tasks",
            example="1",
        ),
        C(
            "updated_on",
            "更新日期",
            "Updated on",
            "日期",
            "填报日期",
            "上报日期",
            "updated on",
            observed=True,
            example="2023-05-03",
        ),
        C("town_id", "镇街", "Township", "所在镇街", "乡镇", "镇/街道", "街道", "town", ref="towns", example="甲街道"),
        C("status", "进展状态", "Status", "状态", "status", example="推进中"),
        C(
            "progress_pct",
            "完成进度(%)",
            "Progress (%)",
            "进度",
            "完成进度",
            "完成比例",
            "完成率",
            "progress",
            pct=True,
            unit="%",
            example="60",
        ),
        C("note_zh", "进展情况", "Note", "进展", "备注", "说明", "note", example="完成管网设计"),
        C("reported_by", "填报单位", "Reported by", "填报人", "上报单位", "reported by", example="甲街道"),
        C("note_en", "进展情况(英文)", "Note (English)", "note en"),
        C("reported_by_en", "填报单位(英文)", "Reported by (English)", "reported by en"),
    ]
    K["projects"] = [
        C("project_id", "项目编号", "Project code", "编号", "code", "id", example="pr9"),
        C("name_zh", "项目名称", "Project name", "名称", "name", example="丙镇雨污分流改造"),
        C("task_no", "所属任务", "Task number", "任务序号", "任务", "task", ref="tasks", example="1"),
        TOWN,
        C(
            "budget_cny",
            "总投资(元)",
            "Budget (CNY)",
            "总投资",
            "投资",
            "预算",
            "budget",
            unit="元",
            nonneg=True,
            example="5000000",
        ),
        C(
            "spent_cny",
            "已完成投资(元)",
            "Spent (CNY)",
            "已完成投资",
            "完成投资",
            "已支付",
            "spent",
            unit="元",
            nonneg=True,
            example="2000000",
        ),
        C(
            "completion_pct",
            "完成比例(%)",
            "Completion (%)",
            "完成比例",
            "进度",
            "完成进度",
            "completion",
            pct=True,
            unit="%",
            example="40",
        ),
        C("start_on", "开工日期", "Start", "开始日期", "start"),
        C("due_on", "计划完工日期", "Due", "完工期限", "计划完成日期", "due"),
        C("name_en", "英文名称", "English name", "name en", "english name"),
    ]
    K["compensation_rules"] = [
        C("rule_id", "规则编号", "Rule", "规则", "rule", example="F1"),
        C("section_id", "断面名称", "Section", "断面", "断面编号", "section", ref="sections", example="测试河一号桥"),
        C("threshold_class", "考核类别", "Threshold class", "阈值类别", "threshold class", example="Ⅳ"),
        C(
            "amount_cny",
            "扣缴金额(元)",
            "Amount (CNY)",
            "扣缴金额",
            "金额",
            "amount",
            unit="元",
            nonneg=True,
            example="850000",
        ),
        C(
            "base_amount_cny",
            "补偿基数(元)",
            "Base amount (CNY)",
            "补偿基数",
            "基数",
            "base amount",
            unit="元",
            nonneg=True,
        ),
        C("weight", "权重", "Weight", "weight", nonneg=True),
        C("payer_zh", "赔付方", "Payer", "支付方", "payer", example="测试度假区"),
        C("payer_en", "赔付方(英文)", "Payer (English)", "payer en", fallback="payer_zh"),
        C("payee_zh", "受偿方", "Payee", "受偿单位", "payee", example="下游区"),
        C("payee_en", "受偿方(英文)", "Payee (English)", "payee en", fallback="payee_zh"),
        C("valid_from", "生效日期", "Valid from", "起始日期", "valid from", example="2023-01-01"),
        C("valid_to", "失效日期", "Valid to", "截止日期", "valid to"),
    ]
    # source tracing: where each river flows (when the river lines do not tell) and imported positions
    K["river_network"] = [
        C(
            "river_id",
            "河流",
            "River",
            "河流名称",
            "河流编号",
            "所在河流",
            "river",
            "river id",
            ref="rivers",
            example="测试河",
        ),
        C(
            "flows_into_id",
            "汇入河流",
            "Flows into",
            "汇入",
            "流入",
            "流入河流",
            "受纳河流",
            "下游河流",
            "flows into",
            "receiving river",
            ref="rivers",
            example="",
        ),
        C(
            "confluence_km",
            "汇入点里程(km)",
            "Confluence (km)",
            "汇入点里程",
            "汇入点",
            "汇入位置",
            "confluence km",
            "confluence",
            unit="km",
            nonneg=True,
            example="",
        ),
        C(
            "line_drawn",
            "河道线方向",
            "Line drawn",
            "线方向",
            "绘制方向",
            "河道线绘制方向",
            "line drawn",
            example="顺流向",
        ),
    ]
    K["river_positions"] = [
        C("object_kind", "对象类型", "Object kind", "类型", "对象", "object kind", "kind", "type", example="排污口"),
        C(
            "object_id",
            "对象编号",
            "Object",
            "对象名称",
            "编号",
            "名称",
            "object id",
            "object",
            "id",
            "code",
            ref="objects",
            ref_by="object_kind",
            example="测试河雨水排口01",
        ),
        C(
            "river_id",
            "所在河流",
            "River",
            "河流",
            "河流名称",
            "河流编号",
            "river",
            "river id",
            ref="rivers",
            example="测试河",
        ),
        C(
            "km",
            "河流里程(km)",
            "River km",
            "里程",
            "河流里程",
            "位置(km)",
            "距源头里程",
            "km",
            "river km",
            unit="km",
            nonneg=True,
            example="1.2",
        ),
    ]
    # ecological base flow and sluices (plan task 10; queries/schema/069_eco_flow.sql)
    K["sluices"] = [
        C("sluice_id", "闸门编号", "Sluice code", "闸编号", "水闸编号", "sluice code", "sluice id", example="t_zha"),
        C("name_zh", "闸门名称", "Sluice name", "闸名", "水闸名称", "闸坝名称", "sluice name", example="测试河节制闸"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="Test sluice"),
        RIVER,
        TOWN,
        LON,
        LAT,
    ]
    K["flow_readings"] = [
        C(
            "site_id",
            "测流站点",
            "Flow site",
            "测流断面",
            "流量站点",
            "水文站",
            "断面或闸门",
            "flow site",
            "site",
            "site id",
            ref="flow_sites",
            example="测试河一号桥",
        ),
        C(
            "measured_on",
            "日期",
            "Date",
            "测流日期",
            "监测日期",
            "date",
            "measured on",
            observed=True,
            example="2023-05-03",
        ),
        C(
            "flow_m3_s",
            "流量(m³/s)",
            "Flow (m³/s)",
            "日均流量",
            "流量(m3/s)",
            "flow",
            "discharge",
            unit="m³/s",
            nonneg=True,
            hi=5000.0,
            lo=0.0,
            example="2.35",
        ),
        C(
            "level_m",
            "水位(m)",
            "Level (m)",
            "日均水位",
            "水位",
            "water level",
            "level",
            unit="m",
            lo=-10.0,
            hi=200.0,
            example="31.20",
        ),
    ]
    K["eco_flow_minimums"] = [
        C(
            "section_id",
            "断面名称",
            "Section",
            "断面",
            "断面编号",
            "section",
            "section id",
            ref="sections",
            example="测试河一号桥",
        ),
        C(
            "min_flow_m3_s",
            "最小生态流量(m³/s)",
            "Minimum ecological flow (m³/s)",
            "生态流量",
            "最小生态流量",
            "生态基流",
            "minimum flow",
            "min flow",
            "ecological flow",
            unit="m³/s",
            nonneg=True,
            hi=5000.0,
            lo=0.0,
            example="0.5",
        ),
        C(
            "basis_zh",
            "确定依据",
            "Basis",
            "依据",
            "来源",
            "basis",
            "source of the figure",
            example="生态流量保障实施方案",
        ),
        C("basis_en", "确定依据(英文)", "Basis (English)", "basis en", example="Eco-flow plan"),
    ]
    K["sluice_operations"] = [
        C(
            "sluice_id",
            "闸门名称",
            "Sluice",
            "闸名",
            "闸门",
            "闸门编号",
            "水闸",
            "sluice",
            "sluice id",
            ref="sluices",
            example="测试河节制闸",
        ),
        C(
            "operated_at",
            "调度时间",
            "Operated at",
            "操作时间",
            "启闭时间",
            "时间",
            "operated at",
            "time",
            observed=True,
            example="2023-07-12 08:30",
        ),
        C("action", "操作", "Action", "调度操作", "启闭", "action", example="关闸"),
        C(
            "gate_opening_m",
            "开度(m)",
            "Gate opening (m)",
            "闸门开度",
            "开启高度",
            "gate opening",
            unit="m",
            nonneg=True,
            hi=20.0,
            lo=0.0,
            example="0",
        ),
        C(
            "decided_by",
            "决策单位",
            "Decided by",
            "调度决策",
            "指令单位",
            "决策人",
            "decided by",
            example="区农业农村局",
        ),
        C("reason_code", "调度原因", "Reason", "原因", "reason", example="上游来水超标"),
        C("note_zh", "情况说明", "Note", "说明情况", "note zh", example="上游断面氨氮超标，关闸拦蓄"),
    ]
    # flood-season readiness (plan tasks 5 and 11; queries/schema/069_flood_season.sql)
    K["flood_checklist"] = [
        C("year", "年度", "Year", "年份", "year", example="2023"),
        C(
            "item_code",
            "准备事项",
            "Item",
            "汛前准备事项",
            "事项",
            "检查项目",
            "item",
            "checklist item",
            example="管网清淤",
        ),
        TOWN,
        C("owner_zh", "责任单位", "Owner", "责任部门", "owner", example="区城市管理局"),
        C("owner_en", "责任单位(英文)", "Owner (English)", "owner en", fallback="owner_zh"),
        C(
            "planned",
            "计划量",
            "Planned",
            "计划",
            "计划数量",
            "planned",
            nonneg=True,
            hi=100000.0,
            lo=0.0,
            example="12",
        ),
        C("done", "完成量", "Done", "完成", "完成数量", "done", nonneg=True, hi=100000.0, lo=0.0, example="12"),
        C("done_on", "完成日期", "Done on", "完成时间", "done on", observed=True, example="2023-05-20"),
        C("note_zh", "情况说明", "Note", "说明情况", "note zh", example=""),
    ]
    # drinking-water sources (plan task 15)
    K["drinking_sources"] = [
        C("source_id", "水源地编号", "Source code", "编号", "代码", "code", "id", example="ds9"),
        C("name_zh", "水源地名称", "Source name", "名称", "水源地", "name", example="测试水库水源地"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="Test reservoir source"),
        C("source_type", "水源地类型", "Source type", "类型", "水源类型", "type", "source type", example="水库型"),
        TOWN,
        RIVER,
        C("lon", "取水口经度", "Intake longitude", *LON.aliases, example="116.02"),
        C("lat", "取水口纬度", "Intake latitude", *LAT.aliases, example="36.42"),
        C(
            "target_class",
            "水质目标",
            "Target class",
            "目标水质类别",
            "目标类别",
            "target",
            "target class",
            example="Ⅲ",
        ),
        C(
            "supply_m3_d",
            "供水规模(m³/d)",
            "Supply (m³/d)",
            "供水规模",
            "设计供水量",
            "supply",
            unit="m³/d",
            nonneg=True,
            example="20000",
        ),
    ]
    K["drinking_source_zones"] = [
        C("zone_id", "保护区编号", "Zone code", "编号", "代码", "code", "id", example="ds9-1"),
        C(
            "source_id",
            "水源地",
            "Source",
            "水源地名称",
            "水源地编号",
            "source id",
            ref="drinking_sources",
            example="测试水库水源地",
        ),
        C("zone_level", "保护区级别", "Zone level", "级别", "保护区", "level", "zone level", example="一级保护区"),
        GEOM_AREA,
    ]
    K["drinking_source_samples"] = [
        C(
            "source_id",
            "水源地",
            "Source",
            "水源地名称",
            "水源地编号",
            "source id",
            ref="drinking_sources",
            example="测试水库水源地",
        ),
        C(
            "sampled_on",
            "采样日期",
            "Sampling date",
            "监测日期",
            "日期",
            "date",
            "sampled on",
            observed=True,
            example="2023-05-03",
        ),
        C("parameter", "监测项目", "Parameter", "指标", "项目", "parameter", example="锰"),
        C("value", "监测值", "Value", "浓度", "结果", "value", "result", example="0.05"),
        C("unit", "单位", "Unit", "计量单位", "unit", helper=True, example="mg/L"),
    ]
    # the total-nitrogen problem list (plan task 12)
    K["tn_problems"] = [
        C("problem_id", "问题编号", "Problem code", "编号", "code", "id", example="TN9"),
        C("section_id", "断面名称", "Section", "断面", "断面编号", "section", ref="sections", example="测试河一号桥"),
        C("problem_zh", "问题描述", "Problem", "问题", "存在问题", "problem", example="上游养殖密集区粪污入河"),
        C(
            "problem_en",
            "问题描述(英文)",
            "Problem (English)",
            "problem en",
            fallback="problem_zh",
            example="Manure from a livestock-dense area upstream",
        ),
        C("measure_zh", "整改措施", "Measure", "措施", "measure", example="粪污收集还田，建设截污沟"),
        C("measure_en", "整改措施(英文)", "Measure (English)", "measure en", fallback="measure_zh"),
        C("owner_zh", "责任单位", "Owner", "责任人", "owner", example="区农业农村局"),
        C("owner_en", "责任单位(英文)", "Owner (English)", "owner en", fallback="owner_zh"),
        C("found_on", "发现日期", "Found on", "排查日期", "found on", observed=True, example="2024-03-01"),
        C("deadline", "整改时限", "Deadline", "完成时限", "期限", "deadline", example="2024-12-31"),
        C("problem_status", "整改状态", "Status", "状态", "进展", "status", example="整改中"),
        C("done_on", "完成日期", "Done on", "整改完成日期", "done on", observed=True, example=""),
    ]
    # medical-institution wastewater (plan task 14; GB 18466-2005)
    K["medical_institutions"] = [
        C("institution_id", "机构编号", "Institution code", "编号", "代码", "code", "id", example="m9"),
        C("name_zh", "机构名称", "Institution name", "名称", "医疗机构名称", "医院名称", "name", example="丙镇卫生院"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="Town Three health centre"),
        TOWN,
        C("level", "机构级别", "Level", "级别", "行政级别", "level", example="乡镇"),
        C("beds", "床位数", "Beds", "床位", "编制床位", "实有床位", "beds", nonneg=True, example="40"),
        C(
            "is_infectious",
            "是否传染病医院",
            "Infectious-disease hospital",
            "传染病医院",
            "是否传染病",
            "infectious",
            example="否",
        ),
        C("treatment", "处理工艺", "Treatment", "污水处理工艺", "工艺", "treatment", example="二级处理"),
        C("disinfection", "消毒方式", "Disinfection", "消毒工艺", "消毒", "disinfection", example="含氯消毒"),
        C(
            "discharge_to",
            "排放去向",
            "Discharges to",
            "排水去向",
            "去向",
            "discharge",
            "discharges to",
            example="市政管网",
        ),
        C("river_id", "受纳河流", "Receiving river", "受纳水体", "排入河流", "river", ref="rivers", example=""),
        C(
            "plant_id",
            "接纳污水处理厂",
            "Receiving WWTP",
            "污水处理厂",
            "接纳污水厂",
            "plant",
            "wwtp",
            ref="facilities",
            example="乙镇污水处理厂",
        ),
        LON,
        LAT,
    ]
    K["medical_monitoring"] = [
        C(
            "institution_id",
            "医疗机构",
            "Institution",
            "机构名称",
            "机构",
            "机构编号",
            "医院",
            "institution",
            "institution id",
            ref="medical_institutions",
            example="丙镇卫生院",
        ),
        C(
            "sampled_on",
            "采样日期",
            "Sampling date",
            "监测日期",
            "日期",
            "date",
            "sampled on",
            observed=True,
            example="2023-05-03",
        ),
        C("ph", "pH值", "pH", parameter="ph", lo=0, hi=14, example="7.2"),
        _param_col("cod_mg_l", "cod", "mg/L", "45", nonneg=True),
        _param_col("bod5_mg_l", "bod5", "mg/L", "12", nonneg=True),
        _param_col("ss_mg_l", "ss", "mg/L", "15", nonneg=True),
        _param_col("nh3n_mg_l", "nh3n", "mg/L", "6", nonneg=True),
        _param_col("fecal_coliform_mpn_l", "fecal_coliform", "MPN/L", "200", nonneg=True),
        C(
            "residual_chlorine_mg_l",
            "总余氯(mg/L)",
            "Total residual chlorine (mg/L)",
            "总余氯",
            "余氯",
            "residual chlorine",
            "total residual chlorine",
            "trc",
            unit="mg/L",
            nonneg=True,
            lo=0,
            hi=100,
            example="4.5",
        ),
    ]
    # enforcement on pollution sources (plan task 6)
    K["pollution_sources"] = [
        C("source_id", "污染源编号", "Source code", "编号", "代码", "code", "id", example="ps9"),
        C("name_zh", "污染源名称", "Source name", "名称", "单位名称", "企业名称", "name", example="丙镇食品厂"),
        C("name_en", "英文名称", "English name", "name en", fallback="name_zh", example="Town Three food plant"),
        C("source_kind", "污染源类型", "Kind", "类型", "行业类别", "kind", "source kind", example="工业企业"),
        RIVER,
        TOWN,
        C(
            "responsible_unit",
            "责任单位",
            "Responsible unit",
            "责任主体",
            "监管责任单位",
            "responsible unit",
            example="甲街道",
        ),
        C(
            "responsible_unit_en",
            "责任单位(英文)",
            "Responsible unit (English)",
            "responsible unit en",
            fallback="responsible_unit",
            example="Town One",
        ),
        C("lon", LON.zh, LON.en, *LON.aliases, example=""),
        C("lat", LAT.zh, LAT.en, *LAT.aliases, example=""),
    ]
    K["source_inspections"] = [
        C(
            "source_id",
            "污染源",
            "Source",
            "污染源名称",
            "污染源编号",
            "单位名称",
            "source",
            "source id",
            ref="pollution_sources",
            example="丙镇食品厂",
        ),
        C(
            "inspected_on",
            "检查日期",
            "Inspected on",
            "日期",
            "执法检查日期",
            "date",
            "inspected on",
            observed=True,
            example="2023-05-03",
        ),
        C(
            "inspector_unit",
            "检查单位",
            "Inspector unit",
            "执法单位",
            "检查部门",
            "inspector",
            "inspector unit",
            example="区生态环境分局",
        ),
        C(
            "inspector_unit_en",
            "检查单位(英文)",
            "Inspector unit (English)",
            "inspector unit en",
            fallback="inspector_unit",
            example="Ecology & environment branch",
        ),
        C(
            "has_finding",
            "是否发现问题",
            "Problem found",
            "发现问题",
            "有无问题",
            "finding",
            "problem found",
            example="否",
        ),
        C("note", "检查情况", "Note", "情况说明", "检查记录", example=""),
    ]
    K["enforcement_cases"] = [
        C("case_id", "案件编号", "Case number", "编号", "立案编号", "案号", "case", "case id", example="2023-009"),
        C(
            "source_id",
            "污染源",
            "Source",
            "污染源名称",
            "污染源编号",
            "当事单位",
            "source",
            "source id",
            ref="pollution_sources",
            example="丙镇食品厂",
        ),
        C("found_on", "立案日期", "Found on", "发现日期", "日期", "found on", observed=True, example="2023-05-03"),
        C("problem_zh", "问题", "Problem", "违法问题", "存在问题", "problem", example="废水直排"),
        C(
            "problem_en",
            "问题(英文)",
            "Problem (English)",
            "problem en",
            fallback="problem_zh",
            example="Wastewater discharged untreated",
        ),
        C("rectify_by", "整改期限", "Rectification deadline", "整改时限", "期限", "deadline", example="2023-06-30"),
        C(
            "penalty_cny",
            "罚款(元)",
            "Penalty (CNY)",
            "罚款",
            "罚款金额",
            "处罚金额",
            "penalty",
            unit="元",
            nonneg=True,
            example="50000",
        ),
        C("closed_on", "结案日期", "Closed on", "销号日期", "整改完成日期", "closed on", observed=True, example=""),
        C("responsible_unit", "责任单位", "Responsible unit", "责任主体", "responsible unit", example=""),
        C("responsible_unit_en", "责任单位(英文)", "Responsible unit (English)", "responsible unit en", example=""),
    ]
    return {k: tuple(v) for k, v in K.items()}


# Headers that are silently ignored in every kind (our own rejected-row columns, remarks, numbering).
IGNORED = (
    "备注",
    "说明",
    "remark",
    "remarks",
    "note",
    "notes",
    "序号",
    "no",
    "no.",
    "#",
    "原行号",
    "问题",
    "原工作表",
    "source_row",
    "problem",
    "source_sheet",
)


@dataclass
class HeaderMap:
    """How one kind reads a header row."""

    kind: str
    columns: dict[str, int] = field(default_factory=dict)  # canonical column -> position
    parameters: list[tuple[int, str, str | None]] = field(default_factory=list)  # wide: (pos, code, unit)
    unknown: list[int] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (pos, canonical it duplicates)
    header_units: dict[str, str] = field(default_factory=dict)  # column -> unit given in its header
    ignored: list[int] = field(default_factory=list)

    @property
    def is_wide(self) -> bool:
        return self.kind == "readings" and "value" not in self.columns and bool(self.parameters)


@functools.cache
def alias_index(kind: str) -> dict[str, str]:
    """header key -> canonical column for one kind (labels, names and aliases; parameter names for
    parameter columns)."""
    out: dict[str, str] = {}
    for col in kind_columns()[kind]:
        names = [col.name, col.zh, col.en, *col.aliases]
        if col.parameter:
            p = vocab.parameters()[col.parameter]
            names += [p["name_zh"], p["name_en"], col.parameter, *vocab.PARAMETER_ALIASES.get(col.parameter, ())]
        # a label with a unit ('长度(m)') also matches without it ('长度') and with another unit
        names += [vocab.split_unit(x)[0] for x in (col.zh, col.en) if vocab.split_unit(x)[1]]
        for name in names:
            out.setdefault(vocab.key(name), col.name)
    return out


def column(kind: str, name: str) -> Col:
    for col in kind_columns()[kind]:
        if col.name == name:
            return col
    raise KeyError(f"{kind}.{name}")


def _lookup(kind: str, header: str) -> tuple[str | None, str | None]:
    """(canonical column, unit written in the header) for one header cell of a kind."""
    index = alias_index(kind)
    k = vocab.key(header)
    if k in index:
        return index[k], None
    name, unit = vocab.split_unit(header)
    if unit is not None and vocab.key(name) in index:
        return index[vocab.key(name)], unit
    # parameter columns of column-per-parameter kinds: '氨氮(以N计)(mg/L)', 'NH3-N'
    code = vocab.parameter_code(name)
    if code:
        for col in kind_columns()[kind]:
            if col.parameter == code:
                return col.name, unit
    return None, None


def map_headers(kind: str, headers: list[str]) -> HeaderMap:
    """Map a header row onto a kind's columns (and, for readings, onto parameter columns)."""
    hm = HeaderMap(kind)
    ignored = {vocab.key(x) for x in IGNORED}
    for pos, raw in enumerate(headers):
        if raw is None or str(raw).strip() == "":
            continue
        name, unit = _lookup(kind, str(raw))
        if name is None and kind == "readings":
            pname, punit = vocab.split_unit(str(raw))
            code = vocab.parameter_code(pname)
            if code:
                hm.parameters.append((pos, code, punit))
                continue
        if name is None:
            (hm.ignored if vocab.key(str(raw)) in ignored else hm.unknown).append(pos)
            continue
        if name in hm.columns:
            # a second date column in readings is the time of day (日期 + 时间)
            if kind == "readings" and name == "sampled_on" and "sampled_at" not in hm.columns:
                hm.columns["sampled_at"] = pos
                continue
            hm.duplicates.append((pos, name))
            continue
        hm.columns[name] = pos
        if unit:
            hm.header_units[name] = unit
    return hm


def header_score(headers: list[str]) -> int:
    """How many cells of a row are known column names of any kind, or parameter names: the header
    row is the first row with the best score (at least 2)."""
    score = 0
    for raw in headers:
        if raw is None or str(raw).strip() == "":
            continue
        text = str(raw)
        if len(text) > 40:
            continue
        if any(_lookup(kind, text)[0] for kind in kind_columns()) or vocab.parameter_code(vocab.split_unit(text)[0]):
            score += 1
    return score


def required_columns(kind: str) -> list[str]:
    """The columns a file of this kind must have (a readings file also needs parameter and value
    columns unless its parameters are columns of their own)."""
    if kind == "readings":
        return ["section_id", "sampled_on"]
    specs = {c.name: c for c in kind_columns()[kind]}
    out = []
    for name, ci in schema.columns(kind).items():
        if not ci.required or ci.type.endswith("[]") or name == "geom_wkb":
            continue
        spec = specs.get(name)
        if spec is not None and spec.fallback:
            continue
        out.append(name)
    return out
