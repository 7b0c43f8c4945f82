"""The library index: Chinese and pinyin matching, ranking, filters, grouping, last year."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.library.builtin import builtin_entries, class_names, classify_project
from goaleditor.library.entries import BUILTIN, HISTORY, LibraryEntry
from goaleditor.library.search import (
    EXACT,
    IN_ORDER,
    INSIDE,
    PREFIX,
    LibraryIndex,
    default_index,
    group_matches,
    pinyin_syllables,
)


def entry(name, level2="服务对象满意度指标", level1="满意度指标", **kw) -> LibraryEntry:
    kw.setdefault("origin", HISTORY)
    return LibraryEntry(name=name, level1=level1, level2=level2, **kw)


@pytest.fixture(scope="module")
def index() -> LibraryIndex:
    return default_index()


def names(matches) -> list[str]:
    return [m.item.name for m in matches]


@pytest.mark.parametrize(
    "query",
    [
        "fwdxmyd",
        "manyidu",
        "服务对象满意度",
        "服务对象",
        "对象满意",
        "FWDXMYD",
        "fuwudx",
        "fwdx myd",
    ],
)
def test_the_ways_a_clerk_types_find_the_indicator(index, query):
    assert "服务对象满意度" in names(index.search(query, limit=50))


def test_pinyin_initials_and_full_pinyin_of_the_whole_name_are_exact(index):
    for query in ("fwdxmyd", "fuwuduixiangmanyidu", "服务对象满意度"):
        first = index.search(query, limit=5)[0]
        assert (first.item.name, first.tier) == ("服务对象满意度", EXACT)


def test_tiers_prefix_inside_in_order():
    idx = LibraryIndex([entry("服务对象满意度"), entry("群众满意度"), entry("满意度调查次数")])
    tiers = {m.item.name: m.tier for m in idx.search("满意度")}
    assert tiers == {"满意度调查次数": PREFIX, "服务对象满意度": INSIDE, "群众满意度": INSIDE}
    assert [(m.item.name, m.tier) for m in idx.search("服务满意")] == [("服务对象满意度", IN_ORDER)]
    # Same tier: the shorter name first.
    assert names(idx.search("myd")) == ["满意度调查次数", "群众满意度", "服务对象满意度"]


def test_syllables_keep_latin_words_and_numbers_whole():
    assert pinyin_syllables("OA系统12345热线≥90%") == [
        "oa",
        "xi",
        "tong",
        "12345",
        "re",
        "xian",
        "90",
    ]
    idx = LibraryIndex([entry("OA系统运维", level2="数量指标", level1="产出指标")])
    assert names(idx.search("oaxtyw")) == ["OA系统运维"]
    assert names(idx.search("oa")) == ["OA系统运维"]


def test_a_syllable_is_matched_whole_or_by_its_start_never_across_syllables():
    idx = LibraryIndex([entry("服务对象满意度")])
    assert names(idx.search("uwu")) == []  # inside a syllable: not a start
    assert names(idx.search("fwdxmydx")) == []
    assert names(idx.search("duix")) == ["服务对象满意度"]


def test_every_word_must_match():
    idx = LibraryIndex([entry("服务对象满意度"), entry("群众满意度")])
    assert names(idx.search("满意 qz")) == ["群众满意度"]
    assert names(idx.search("满意 不存在")) == []


def test_exact_first_then_same_level2_then_recent_years():
    idx = LibraryIndex(
        [
            entry("培训人数", level2="数量指标", level1="产出指标", year=2021),
            entry("培训人数合格率", level2="质量指标", level1="产出指标", year=2024),
            entry("参加培训人数", level2="数量指标", level1="产出指标", year=2022),
            entry("培训人数完成率", level2="数量指标", level1="产出指标", year=2023),
        ]
    )
    found = idx.search("培训人数", context_level2="数量指标")
    assert names(found) == ["培训人数", "培训人数完成率", "参加培训人数", "培训人数合格率"]
    # Without a context 二级: exact first, then prefix before inside, recent first.
    assert names(idx.search("培训人数")) == [
        "培训人数",
        "培训人数合格率",
        "培训人数完成率",
        "参加培训人数",
    ]


def test_an_item_shows_its_most_recent_use_and_lists_where_it_was_used():
    idx = LibraryIndex(
        [
            entry("群众满意度", value="≥90%", year=2022, project="甲", source="a.json"),
            entry("群众满意度", value="≥95%", year=2024, project="乙", source="b.json"),
            entry("群众满意度", value="≥85%", origin=BUILTIN, source="会议培训"),
        ]
    )
    (match,) = idx.search("群众")
    assert match.entry.value == "≥95%"
    assert [(e.year, e.project) for e in match.item.uses()] == [(2024, "乙"), (2022, "甲")]
    assert len(match.item.entries) == 3


def test_filters_by_level1_level2_and_project_class(index):
    found = index.search("", level2="成本指标", limit=None)
    assert found and {m.item.level2 for m in found} == {"成本指标"}
    found = index.search("", level1="满意度指标", limit=None)
    assert found and {m.item.level1 for m in found} == {"满意度指标"}
    found = index.search("", project_class="会议培训", limit=None)
    assert "举办培训班期数" in names(found)
    assert all(m.entry.project_class == "会议培训" for m in found)


def test_groups_follow_the_best_match():
    idx = LibraryIndex(
        [
            entry("群众满意度"),
            entry("满意度调查次数", level1="产出指标", level2="数量指标"),
            entry("服务满意度", level1="满意度指标"),
        ]
    )
    groups = group_matches(idx.search("满意度"))
    assert [(l1, l2, [m.item.name for m in ms]) for l1, l2, ms in groups] == [
        ("产出指标", "数量指标", ["满意度调查次数"]),
        ("满意度指标", "服务对象满意度指标", ["服务满意度", "群众满意度"]),
    ]


def test_completion_gives_distinct_names_best_first():
    idx = LibraryIndex(
        [
            entry("群众满意度", year=2024),
            entry("群众满意度", level1="效果指标", year=2020),
            entry("群众参与度", level2="社会效益指标", level1="效益指标", year=2023),
        ]
    )
    assert idx.complete("qz") == ["群众满意度", "群众参与度"]
    assert idx.complete("qz", context_level2="社会效益指标") == ["群众参与度", "群众满意度"]


def test_last_years_value_is_matched_by_project_with_its_year_moved_and_name():
    idx = LibraryIndex(
        [
            entry(
                "群众满意度", value="≥90%", year=2023, project="2023年检察宣传经费", unit_name="甲"
            ),
            entry(
                "群众满意度", value="≥80%", year=2023, project="2023年检察宣传经费", unit_name="乙"
            ),
            entry(
                "群众满意度", value="≥70%", year=2022, project="2022年检察宣传经费", unit_name="甲"
            ),
            entry("群众满意度", value="≥60%", year=2023, project="其他项目", unit_name="甲"),
        ]
    )
    last = idx.previous_year(
        year=2024, project="2024年检察宣传经费", name="群众满意度", unit_name="甲"
    )
    assert last is not None and last.value == "≥90%"
    last = idx.previous_year(
        year=2024, project="2024年检察宣传经费", name="群众满意度", unit_name="乙"
    )
    assert last.value == "≥80%"
    assert idx.previous_year(year=2024, project="2024年检察宣传经费", name="别的") is None
    assert idx.previous_year(year=None, project="x", name="群众满意度") is None


def test_builtin_entries_hold_every_sample_indicator_and_the_project_classes():
    entries = builtin_entries()
    samples = [e for e in entries if e.source.startswith("示例")]
    classes = [e for e in entries if not e.source.startswith("示例")]
    # 37 + 172 + 14 + 34 indicators in the four samples (README).
    assert len(samples) == 37 + 172 + 14 + 34
    assert all(e.origin == BUILTIN for e in entries)
    assert {
        "会议培训",
        "信息系统建设运维",
        "设备购置",
        "大型活动",
        "政策研究",
        "新闻宣传",
        "基建工程",
    } <= set(class_names())
    for name in class_names():
        own = [e for e in classes if e.project_class == name]
        assert 10 <= len(own) <= 20, name
        assert all(e.value and e.level1 and e.level2 for e in own)
        assert any(e.unit for e in own)


def test_project_classes_from_project_names():
    assert classify_project("2023年全市检察业务培训") == "会议培训"
    assert classify_project("检察信息化运维项目") == "信息系统建设运维"
    assert classify_project("办公楼维修改造工程") == "基建工程"
    assert classify_project("机关办公楼物业管理") == "物业后勤"
    assert classify_project("其他专项经费") == ""


def test_typing_letter_by_letter_finds_what_a_fresh_search_finds(index):
    for word in ("fwdxmyd", "manyidu", "xtzcyxl", "服务对象满意度", "培训人次", "gc ysl"):
        for end in range(1, len(word) + 1):
            typed = [(m.item.name, m.tier) for m in index.search(word[:end], limit=None)]
            index.forget_recent()
            fresh = [(m.item.name, m.tier) for m in index.search(word[:end], limit=None)]
            assert typed == fresh, word[:end]
        index.forget_recent()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_typed_text_searches_without_error(text):
    index = _shared_index()
    for match in index.search(text, limit=5):
        assert match.item.name
    index.complete(text)


@cache
def _shared_index() -> LibraryIndex:
    return default_index()
