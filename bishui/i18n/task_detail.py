"""Strings of the task detail under the responsibility matrix (targets page, tasks tab)."""

STRINGS = {
    "tg.task_pick": ("任务详情", "Task details"),
    "tg.task_pick_help": (
        "点选上表中的一行，或在此选择任务，即可在下方完整阅读其数据依据和最新进展。",
        "Pick a row in the table above, or a task here, to read its evidence from data and its latest update in full.",
    ),
    "tg.task_words_only": (
        "该任务仅按文字报送进展，没有数据核验。",
        "This task is reported in words only: no status from data.",
    ),
    "tg.task_no_update": ("尚无报送", "No update yet"),
}
