"""The indicator library at scale: a history of N entries (50,000 by default).

    python benchmarks/library_bench.py [--entries 50000] [--repeat 3]

Run alone or by ``benchmarks/run.py --only library`` (in a fresh process, so the memory
figure is the library's own).  The history is generated: 50 units × 10 years of
projects named like real ones, each indicator taken from the built-in entries, half of
them with the project's subject put before the name (``档案服务对象满意度``), so the
history has about 14,000 distinct names — far more variety than a unit writes.
Prints one ``name value unit`` line per figure (tab-separated), then ``done``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from goaleditor.library.builtin import builtin_entries  # noqa: E402

SUBJECTS = (
    "检察",
    "法院",
    "公安",
    "司法",
    "财政",
    "税务",
    "教育",
    "卫生",
    "医疗",
    "交通",
    "水利",
    "农业",
    "林业",
    "环保",
    "文化",
    "旅游",
    "体育",
    "科技",
    "民政",
    "人社",
    "住建",
    "应急",
    "审计",
    "统计",
    "市场",
    "商务",
    "档案",
    "信访",
    "机关",
    "后勤",
    "安保",
    "食堂",
    "车辆",
    "网络",
    "图书",
    "宣传",
    "培训",
    "会议",
    "党建",
    "工会",
    "妇联",
    "共青团",
    "老干部",
    "乡村",
    "社区",
    "街道",
    "社保",
    "医保",
    "疾控",
    "消防",
    "气象",
    "地震",
)
KINDS = ("运行保障", "信息化运维", "设备购置", "业务培训", "宣传活动", "办公楼维修", "专项业务")

#: What a clerk types, one keystroke at a time: each prefix of these is one search.
TYPED = ("fwdxmyd", "manyidu", "服务对象满意度", "xtzcyxl", "系统正常运行率", "peixun", "培训人次")


def generate_history(n: int, seed: int = 1):
    """*n* history entries (see the module docstring)."""
    from goaleditor.library.builtin import classify_project
    from goaleditor.library.entries import HISTORY, make_entry

    rnd = random.Random(seed)
    base = builtin_entries()
    pool: dict[str, str] = {}
    units = [f"某市{s}局" for s in SUBJECTS[:50]]
    entries = []
    while len(entries) < n:
        unit, year = rnd.choice(units), rnd.randint(2016, 2025)
        subject = rnd.choice(SUBJECTS)
        project = f"{year}年{subject}{rnd.choice(KINDS)}项目"
        for _ in range(10):
            b = rnd.choice(base)
            name = b.name if rnd.random() < 0.5 else f"{subject}{b.name}"
            entries.append(
                make_entry(
                    pool,
                    name=name,
                    level1=b.level1,
                    level2=b.level2,
                    value=b.value,
                    description=f"{name}达到预期",
                    basis="历史标准",
                    origin=HISTORY,
                    source=f"D:/绩效目标/{unit}/{year}年绩效目标.json",
                    year=year,
                    unit_name=unit,
                    project=project,
                    project_class=classify_project(project),
                )
            )
    return entries[:n]


def show(name: str, value: float, unit: str) -> None:
    print(f"{name}\t{value:.3f}\t{unit}", flush=True)


def timings(n: int, repeat: int) -> None:
    from goaleditor.library.history import History
    from goaleditor.library.search import LibraryIndex

    entries = generate_history(n)
    with tempfile.TemporaryDirectory() as tmp:
        history = History(Path(tmp))
        history.add_entries(entries)
        start = time.perf_counter()
        history.save()
        show(f"history save, {n} entries (atomic)", time.perf_counter() - start, "s")
        show("history file size", history.path.stat().st_size / 1e6, "MB")
        start = time.perf_counter()
        loaded = History.load(Path(tmp))
        load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    import pypinyin.contrib.mmseg  # noqa: F401  (its dictionaries load on import)

    import_seconds = time.perf_counter() - start
    start = time.perf_counter()
    index = LibraryIndex([*loaded.entries, *builtin_entries()])
    build_seconds = time.perf_counter() - start
    show("history load", load_seconds, "s")
    show("pypinyin import (its dictionaries)", import_seconds, "s")
    show(f"index build ({len(index.items)} items, pypinyin keys)", build_seconds, "s")
    show(
        "start: load + import + build (off the first paint)",
        load_seconds + import_seconds + build_seconds,
        "s",
    )

    # Each word typed afresh, one keystroke at a time (earlier keystrokes of the same
    # word narrow the next, as in the panel).
    times = []
    for _ in range(repeat):
        for word in TYPED:
            index.forget_recent()
            for end in range(1, len(word) + 1):
                start = time.perf_counter()
                index.search(word[:end], limit=200)
                times.append(time.perf_counter() - start)
    times.sort()
    show(f"search per keystroke, median of {len(times)}", statistics.median(times) * 1000, "ms")
    show("search per keystroke, 95th percentile", times[int(len(times) * 0.95)] * 1000, "ms")
    show("search per keystroke, slowest", times[-1] * 1000, "ms")


def memory(n: int) -> None:
    """Traced Python memory of the entries, pypinyin's dictionaries and the index."""
    from goaleditor.library.history import History
    from goaleditor.library.search import LibraryIndex

    with tempfile.TemporaryDirectory() as tmp:
        history = History(Path(tmp))
        history.add_entries(generate_history(n))
        history.save()
        del history
        tracemalloc.start()
        loaded = History.load(Path(tmp))
        entries = tracemalloc.get_traced_memory()[0]
        import pypinyin.contrib.mmseg  # noqa: F401

        dictionaries = tracemalloc.get_traced_memory()[0] - entries
        index = LibraryIndex([*loaded.entries, *builtin_entries()])
        total = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
    show(f"memory: {n} history entries", entries / 1e6, "MB")
    show("memory: pypinyin dictionaries", dictionaries / 1e6, "MB")
    show(f"memory: index ({len(index.items)} items)", (total - entries - dictionaries) / 1e6, "MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    builtin_entries()  # the samples are read in every run: not part of the history's cost
    if args.memory:
        memory(args.entries)
        return 0
    timings(args.entries, args.repeat)
    # Memory in a fresh process: pypinyin must not be imported yet, and tracing slows timing.
    child = [sys.executable, __file__, "--memory", "--entries", str(args.entries)]
    subprocess.run(child, check=True)
    print("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
