"""Strings of the deployment safeguards: the editor gate's failure modes and a missing warehouse."""

STRINGS = {
    "data.gate.broken": (
        "密钥文件（.streamlit/secrets.toml）存在但无法读取或解析：为安全起见已停用导入和撤销，"
        "请管理员修正该文件后重新启动应用。下载不受影响。",
        "The secrets file (.streamlit/secrets.toml) exists but cannot be read or parsed: importing "
        "and undoing are disabled to be safe until an administrator fixes it and restarts the app. "
        "Downloads still work.",
    ),
    "data.gate.throttled": ("尝试次数过多，请 {n} 秒后再试。", "Too many attempts: try again in {n} s."),
    "app.warehouse_missing": (
        "数据仓库文件不见了：{path}\n\n这里曾经导入过真实数据（记录见 {marker}），因此不会用示例数据自动替换，"
        "以免导入记录丢失。恢复方法：把备份的数据仓库文件放回上述位置后刷新页面；"
        "如果确实要放弃已导入的数据、从示例数据重新开始，请在服务器上运行 `python -m bishui build`。",
        "The warehouse file is missing: {path}\n\nReal data was imported here before (see {marker}), so it is not "
        "replaced by the sample automatically, which would lose the import history. To restore: put the "
        "warehouse file back from a backup at that path and reload the page; to give up the imported data and "
        "start again from the sample, run `python -m bishui build` on the server.",
    ),
    "cli.warehouse_missing": (
        "错误：数据仓库文件 {path} 不见了，而这里曾经导入过真实数据（见 {marker}），未做任何操作。"
        "请从备份恢复该文件；或运行 `python -m bishui build` 从示例数据重新开始（导入记录将丢失）。",
        "error: the warehouse {path} is missing and real data was imported there before (see {marker}); nothing "
        "was done. Restore the file from a backup, or run `python -m bishui build` to start again from the "
        "sample (the import history is lost).",
    ),
    "cli.error": (
        "错误：{error}（未完成；设置 BISHUI_DEBUG=1 可查看详细信息）",
        "error: {error} (not done; set BISHUI_DEBUG=1 for details)",
    ),
}
