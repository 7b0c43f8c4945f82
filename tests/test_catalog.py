"""The category catalog: standard tree, variants and suggestions."""

from __future__ import annotations

import json

import pytest

from goaleditor.catalog import load_catalog, parse_catalog
from goaleditor.errors import FileFormatError
from goaleditor.resources import resource_path

STANDARD_TREE = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_load_is_cached(catalog):
    assert load_catalog() is catalog


def test_standard_level1_come_first(catalog):
    names = catalog.level1_names()
    assert names[:3] == ["产出指标", "效益指标", "满意度指标"]
    assert "效果指标" in names[3:] and "成本指标" in names[3:]
    assert catalog.standard_level1_names() == names[:3]


def test_standard_tree(catalog):
    for level1, level2s in STANDARD_TREE.items():
        assert catalog.level2_for(level1)[: len(level2s)] == level2s
        for level2 in level2s:
            assert catalog.classify(level1, level2) == "standard"
            assert catalog.standard_level1_of(level2) == level1


def test_variants_from_the_seeds(catalog):
    # Hebei (seed 000): 效果指标 with the 效益 二级s
    assert catalog.level2_for("效果指标") == [*STANDARD_TREE["效益指标"], "服务对象满意度指标"]
    assert catalog.classify("效果指标", "社会效益指标") == "variant"
    assert catalog.classify("效果指标", "可持续影响指标") == "variant"
    assert catalog.canonical_level1("效果指标") == "效益指标"
    assert "效益指标" in catalog.variant_note("效果指标", "社会效益指标")
    # newer central forms: 成本指标 as its own 一级
    assert catalog.level2_for("成本指标") == ["经济成本指标", "社会成本指标", "生态环境成本指标"]
    assert catalog.classify("成本指标", "经济成本指标") == "variant"
    assert catalog.standard_level1_of("经济成本指标") == "成本指标"
    # Chengdu (seed 003): custom 二级 under the standard 满意度指标
    assert catalog.classify("满意度指标", "帮扶对象满意度指标") == "variant"
    assert catalog.level2_for("满意度指标") == ["服务对象满意度指标", "帮扶对象满意度指标"]
    assert catalog.variant_note("满意度指标", "帮扶对象满意度指标")


def test_unknown_pairs(catalog):
    assert catalog.classify("产出指标", "社会效益指标") == "unknown"
    assert catalog.classify("效果指标", "数量指标") == "unknown"
    assert catalog.classify("绩效指标", "数量指标") == "unknown"
    assert catalog.classify("", "") == "unknown"
    assert catalog.level2_for("绩效指标") == []
    assert catalog.standard_level1_of("自拟指标") is None
    # 成本指标 as a 二级 belongs to 产出指标, not to the 成本指标 variant 一级
    assert catalog.standard_level1_of("成本指标") == "产出指标"


def test_names_are_compared_without_blanks(catalog):
    assert catalog.classify(" 产出指标", "数量指标 ") == "standard"
    assert catalog.standard_level1_of(" 质量指标") == "产出指标"


def test_suggestions_from_the_seeds(catalog):
    assert "参加活动次数" in catalog.suggestions("数量指标")
    assert "硬件维护数量" in catalog.suggestions("数量指标")
    assert "群众满意度" in catalog.suggestions("服务对象满意度指标")
    assert "使用人员满意度" in catalog.suggestions("服务对象满意度指标")
    assert catalog.suggestions("不存在的指标") == []
    assert catalog.typical_unit("数量指标", "硬件维护数量") == "台/套"
    assert catalog.typical_unit("时效指标", "运维响应时间") == "分钟"
    assert catalog.typical_unit("服务对象满意度指标", "群众满意度") == "%"
    assert catalog.typical_unit("数量指标", "不存在") == ""


def test_every_level2_has_suggestions(catalog):
    for level1 in catalog.level1_names():
        for level2 in catalog.level2_for(level1):
            assert catalog.suggestions(level2), (level1, level2)


def test_catalog_file_is_plain_data():
    data = json.loads(resource_path("catalog.json").read_text(encoding="utf-8"))
    assert data["format"] == "goaleditor-catalog"
    names = [item["name"] for item in data["level1"]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"format": "other"},
        {"format": "goaleditor-catalog"},
        {"format": "goaleditor-catalog", "level1": [{}]},
    ],
)
def test_damaged_catalog_raises_chinese_error(data):
    with pytest.raises(FileFormatError, match="指标分类目录"):
        parse_catalog(data)
