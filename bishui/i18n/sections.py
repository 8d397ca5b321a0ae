"""Strings of the section trends page."""

STRINGS = {
    "sec.title": ("水质断面趋势", "Section trends"),
    "sec.pick_sections": ("断面（可搜索：河流 · 镇街 · 断面名）", "Sections (search by river · township · name)"),
    "sec.pick_parameters": ("指标", "Parameters"),
    "sec.range": ("时间范围", "Date range"),
    "sec.show_auto": ("显示自动站数据（4小时分辨率）", "Show automatic-station data (4-hourly)"),
    "sec.need_sections": ("请至少选择一个断面。", "Choose at least one section."),
    "sec.need_parameters": ("请至少选择一个指标。", "Choose at least one parameter."),
    "sec.range_incomplete": ("请选择起止两个日期。", "Choose both a start and an end date."),
    "sec.no_data": ("所选断面和时间范围内没有“{param}”的数据。", "No “{param}” data for these sections in this range."),
    "sec.no_auto": ("所选断面没有自动站数据。", "The chosen sections have no automatic-station data."),
    "sec.change": (
        "{name}：{month} 环比 {mom}，同比 {yoy}",
        "{name}: {month} month on month {mom}, year on year {yoy}",
    ),
    "sec.band_note": (
        "背景色带为 GB 3838-2002 各类别限值（{wbt}）；虚线为目标类别限值；空心点为低于检出限（按检出限一半计）。",
        "Background bands: GB 3838-2002 class limits ({wbt}); dashed line: the target-class limit; open markers: below the detection limit (half the limit used).",
    ),
    "sec.mixed_types": (
        "注意：所选断面水体类型不同，色带按第一个断面绘制。",
        "Note: the sections differ in water-body type; bands follow the first section.",
    ),
    "sec.strip": ("月度水质类别", "Monthly class"),
    "sec.annual": ("年度水质类别（月均值的年均值评价）", "Annual class (from the annual mean of monthly means)"),
    "sec.annual_insufficient": (
        "标注“*”的年份有数据的月份少于8个，结果仅供参考。",
        "Years marked “*” have fewer than 8 months of data; indicative only.",
    ),
    "sec.table": ("月度数据表", "Monthly table"),
    "sec.table_caption": ("下载内容与表格完全一致。", "Downloads hold exactly the rows in this table."),
    "sec.excluded": ("（地质原因不参评）", " (geological, not evaluated)"),
    "sec.url_section": ("断面", "section"),
    "sec.url_parameter": ("指标", "parameter"),
    "sec.url_date": ("日期", "date"),
    "sec.na": ("—", "—"),
}
