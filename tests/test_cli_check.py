"""``goaleditor check FILE``: exit 0 (no errors), 1 (errors), 2 (unreadable)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from goaleditor.cli import main
from goaleditor.model import Budget, Document, Indicator, Layout, Project
from goaleditor.storage import FORMAT_VERSION, save

D = Decimal


def tianjin_document(**indicator_changes) -> Document:
    """Seed 001 project 2 (2023年检察系统干警被装购置经费), with real descriptions."""
    rows = [
        Indicator(
            "产出指标", "数量指标", "男夏季检察服", "为男干警配发的夏季检察服套数", "≥1900套"
        ),
        Indicator("产出指标", "质量指标", "产品合格率", "验收合格的服装占全部服装的比例", "≥95%"),
        Indicator(
            "产出指标", "成本指标", "男夏季检察服单价", "每套男夏季检察服的采购单价", "≤614元"
        ),
        Indicator(
            "效益指标",
            "社会效益指标",
            "维护检察机关法制统一",
            "统一着装，规范形象",
            "无相关舆情不规范情况",
        ),
        Indicator(
            "满意度指标",
            "服务对象满意度指标",
            "配发干警售后满意度",
            "受调查干警中表示满意的比例",
            "≥97%",
        ),
    ]
    for attr, (row, text) in indicator_changes.items():
        setattr(rows[row], attr, text)
    project = Project(
        name="2023年检察系统干警被装购置经费",
        budget=Budget(D("200.00"), D("200.00"), None),
        goals=["加强检察机关规范化建设，严格统一规范检察人员着装行为。"],
        indicators=rows,
    )
    return Document(
        unit_code="251101",
        unit_name="天津市人民检察院机关服务中心",
        fiscal_year=2023,
        money_unit="万元",
        layout=Layout(show_code=False, show_basis=False),
        projects=[project],
    )


def run(capsys, *argv):
    code = main(["check", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_document_exits_0(tmp_path, capsys):
    path = tmp_path / "clean.json"
    save(tianjin_document(), path)
    code, out, err = run(capsys, path)
    assert code == 0
    assert out.strip() == "审核通过：没有发现问题。"
    assert err == ""


def test_warnings_only_exit_0(tmp_path, capsys):
    path = tmp_path / "warn.json"
    save(tianjin_document(description=(1, "产品合格率")), path)
    code, out, _ = run(capsys, path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split("\t") == [
        "提醒",
        "项目 1「2023年检察系统干警被装购置经费」第 2 行 绩效指标描述",
        lines[0].split("\t")[2],
    ]
    assert "重复了指标名称" in lines[0]
    assert lines[-1] == "共 0 个错误，1 个提醒。"


def test_errors_exit_1_one_problem_per_line(tmp_path, capsys):
    doc = tianjin_document(value=(2, "≤614万元"))
    doc.projects[0].indicators[1].value = "≥120%"
    doc.projects[0].budget.other = D("10.00")
    path = tmp_path / "errors.json"
    save(doc, path)
    code, out, _ = run(capsys, path)
    assert code == 1
    lines = out.splitlines()
    problems = lines[:-1]
    assert len(problems) == 3
    for line in problems:
        severity, location, message = line.split("\t")
        assert severity == "错误"
        assert location.startswith("项目 1「2023年检察系统干警被装购置经费」")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "超过了本项目的预算数 200.00 万元" in out
    assert "超过了 100%" in out
    assert "与预算数 200.00 万元 不一致" in out
    assert lines[-1] == "共 3 个错误，0 个提醒。"


def test_missing_file_exits_2(tmp_path, capsys):
    code, out, err = run(capsys, tmp_path / "nowhere.json")
    assert code == 2
    assert out == ""
    assert "找不到文件" in err and len(err.strip().splitlines()) == 1


def test_damaged_json_exits_2(tmp_path, capsys):
    path = tmp_path / "damaged.json"
    path.write_text('{"format": "goaleditor", "version": 1, "document": {', encoding="utf-8")
    code, _, err = run(capsys, path)
    assert code == 2
    assert "已损坏" in err


def test_foreign_json_exits_2(tmp_path, capsys):
    path = tmp_path / "foreign.json"
    path.write_text(json.dumps({"name": "something else"}), encoding="utf-8")
    code, _, err = run(capsys, path)
    assert code == 2
    assert "不是 goaleditor 文档" in err


def test_newer_version_exits_2(tmp_path, capsys):
    path = tmp_path / "newer.json"
    data = {"format": "goaleditor", "version": FORMAT_VERSION + 1, "document": {}}
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, path)
    assert code == 2
    assert "更新版本" in err and "升级" in err


def test_missing_argument_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    assert "参数有误" in capsys.readouterr().err
