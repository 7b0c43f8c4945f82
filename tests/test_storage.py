"""The goaleditor file: round trip, strict loading, upgrades, atomic save with backup."""

from __future__ import annotations

import copy
import errno
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor import storage
from goaleditor.errors import FileFormatError, WriteError
from goaleditor.fileio import backup_path
from goaleditor.model import (
    Budget,
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Layout,
    Project,
    Task,
)

FORMATS = Path(__file__).parent / "files" / "formats"


def sample_document() -> Document:
    return Document(
        unit_code="151002",
        unit_name="秦皇岛市山海关区人民检察院",
        fiscal_year=2020,
        money_unit="元",
        layout=Layout(department_form="text", show_spending_plan=True),
        department=DepartmentGoals(
            overall_goal="深入贯彻…",
            duty_goals=[DutyGoal("侦查监督", "主要职责是…", "绩效目标是…")],
            tasks=[Task("任务", "内容", Decimal("58.00"), "目标")],
        ),
        projects=[
            Project(
                code="151-0702-JBN-FUGQ",
                name="2020年度检察及法警法定工作日外加班项目工作经费",
                budget=Budget(Decimal("190000.00"), Decimal("190000.00"), None),
                purpose="为2020年干警及司法警察全年加班提供资金保障",
                spending_plan=[
                    Decimal("30.00"),
                    Decimal("65.00"),
                    Decimal("95.00"),
                    Decimal("100.00"),
                ],
                goals=["为2020年干警及司法警察全年加班提供资金保障"],
                indicators=[
                    Indicator(
                        "产出指标",
                        "质量指标",
                        "公诉案件审结率",
                        "审结…",
                        "≥80百分比",
                        basis="审结…",
                    ),
                    Indicator("效果指标", "可持续影响指标", "法警出警次数", value="≥100次"),
                ],
            )
        ],
    )


def test_round_trip_is_exact(tmp_path):
    doc = sample_document()
    path = tmp_path / "文档 2020.json"
    storage.save(doc, path)
    assert storage.load(path) == doc
    text = path.read_text(encoding="utf-8")
    assert "秦皇岛" in text, "Chinese is written as text, not \\u escapes"
    assert '"190000.00"' in text, "amounts keep their two decimals as strings"
    data = json.loads(text)
    assert list(data) == ["format", "version", "document"]
    assert data["format"] == "goaleditor" and data["version"] == storage.FORMAT_VERSION


def test_saving_twice_is_byte_identical(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    storage.save(sample_document(), a)
    storage.save(storage.load(a), b)
    assert a.read_bytes() == b.read_bytes()


def test_save_keeps_previous_version_as_backup(tmp_path):
    path = tmp_path / "doc.json"
    doc = sample_document()
    storage.save(doc, path)
    first = path.read_bytes()
    doc.projects[0].name = "改名后的项目"
    storage.save(doc, path)
    assert backup_path(path).read_bytes() == first
    assert storage.load(path).projects[0].name == "改名后的项目"
    assert {p.name for p in tmp_path.iterdir()} == {"doc.json", "doc.json.bak"}, "no temp file left"


def test_a_save_dying_while_copying_the_backup_keeps_the_old_backup(tmp_path, monkeypatch):
    path = tmp_path / "doc.json"
    storage.save(Document(unit_name="第一版"), path)
    storage.save(Document(unit_name="第二版"), path)
    assert storage.load(backup_path(path)).unit_name == "第一版"

    def torn_copy(src, dst, *args):
        dst.write(src.read(10))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("shutil.copyfileobj", torn_copy)
    with pytest.raises(WriteError, match="磁盘空间已满"):
        storage.save(Document(unit_name="第三版"), path)
    monkeypatch.undo()
    assert storage.load(path).unit_name == "第二版"
    assert storage.load(backup_path(path)).unit_name == "第一版", "backup never half-written"
    assert {p.name for p in tmp_path.iterdir()} == {"doc.json", "doc.json.bak"}


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_gives_write_error_and_keeps_old_file(tmp_path):
    path = tmp_path / "doc.json"
    storage.save(sample_document(), path)
    before = path.read_bytes()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="无法保存"):
            storage.save(Document(unit_name="新"), path)
    finally:
        tmp_path.chmod(0o700)
    assert path.read_bytes() == before


def test_failing_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "doc.json"
    storage.save(sample_document(), path)
    before = path.read_bytes()

    def disk_full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(WriteError, match="磁盘空间已满"):
        storage.save(Document(unit_name="新"), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} == {"doc.json"}


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(WriteError, match="不存在"):
        storage.save(Document(), tmp_path / "没有这个文件夹" / "doc.json")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "是空文件"),
        (b"   \n", "是空文件"),
        (b"hello", "不是 goaleditor 文档（内容不是 JSON 格式）"),
        (b"{", "不是有效的 JSON"),
        (b"\xff\xfe\x00garbage", "不是 UTF-8"),
        (b"[1, 2, 3]", "不是 goaleditor 文档"),
        (b'{"name": "other app"}', "不是 goaleditor 文档"),
        (b'{"format": "goaleditor", "version": 99, "document": {}}', "更新版本"),
        (b'{"format": "goaleditor", "version": "1", "document": {}}', "版本"),
        (b'{"format": "goaleditor", "version": 1}', "缺少文档内容"),
        (b'{"format": "goaleditor", "version": 1, "document": []}', "应为对象"),
    ],
)
def test_unreadable_files_raise_one_clear_error(tmp_path, raw, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(FileFormatError, match=expected):
        storage.load(path)


def _data_with(**changes) -> dict:
    data = storage.to_json_data(sample_document())
    for dotted, value in changes.items():
        target = data["document"]
        keys = dotted.split("__")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return data


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        (
            {"projects__0__indicators__1__value": 100},
            "document.projects[0].indicators[1].value",
            "项目 1 › 指标 2 › 指标值",
        ),
        (
            {"projects__0__budget__total": "十九万"},
            "document.projects[0].budget.total",
            "不是有效的金额",
        ),
        (
            {"projects__0__spending_plan": ["30", "65"]},
            "document.projects[0].spending_plan",
            "4 个百分比",
        ),
        ({"money_unit": "美元"}, "document.money_unit", "“元”、“万元”"),
        ({"fiscal_year": "2020"}, "document.fiscal_year", "整数"),
        ({"fiscal_year": 20200}, "document.fiscal_year", "年份"),
        ({"projects__0__needs_review": "yes"}, "document.projects[0].needs_review", "是/否"),
        ({"projects__0__surprise": 1}, "document.projects[0].surprise", "未知字段"),
        ({"department__duty_goals": {}}, "document.department.duty_goals", "应为列表"),
    ],
)
def test_wrong_types_name_the_field(changes, path, words):
    with pytest.raises(FileFormatError) as info:
        storage.from_json_data(_data_with(**changes))
    assert info.value.path == path
    assert words in str(info.value)


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(
        b"\xef\xbb\xbf" + storage.dumps(sample_document()).replace("\n", "\r\n").encode()
    )
    assert storage.load(path) == sample_document()


def test_deep_nesting_is_refused_cleanly():
    with pytest.raises(FileFormatError):
        storage.loads("[" * 100_000 + "]" * 100_000)


def test_version_1_fixture_still_loads():
    """Golden file: every future version must still open what version 1 wrote."""
    doc = storage.load(FORMATS / "v1.json")
    assert doc.unit_name == "秦皇岛市山海关区人民检察院"
    assert doc.projects[0].indicators[0].value == "≥80百分比"


def test_upgrade_steps_run_in_order(monkeypatch):
    """The upgrade mechanism: a pretend version 2 whose step renames a field."""

    def v1_to_v2(data: dict) -> dict:
        for project in data["document"]["projects"]:
            project["title"] = project.pop("name")
        return data

    def v2_reader(data: dict) -> dict:  # what a v2 app would read: map back for this model
        for project in data["document"]["projects"]:
            project["name"] = project.pop("title")
        return data

    monkeypatch.setattr(storage, "FORMAT_VERSION", 3)
    monkeypatch.setattr(storage, "UPGRADES", {1: v1_to_v2, 2: v2_reader})
    data = json.loads((FORMATS / "v1.json").read_text(encoding="utf-8"))
    doc = storage.from_json_data(data)
    assert doc.projects[0].name.startswith("2020年度")


def test_missing_upgrade_step_is_reported(monkeypatch):
    monkeypatch.setattr(storage, "FORMAT_VERSION", 2)
    monkeypatch.setattr(storage, "UPGRADES", {})
    with pytest.raises(FileFormatError, match="太旧"):
        storage.load(FORMATS / "v1.json")


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_saved_file_has_normal_permissions_and_keeps_them(tmp_path):
    path = tmp_path / "doc.json"
    storage.save(sample_document(), path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~_current_umask()
    path.chmod(0o640)
    storage.save(sample_document(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (
            '{"format": "goaleditor", "version": 1, "document": {"fiscal_year": '
            + "9" * 5000
            + "}}",
            "无法读取的数值",
        ),
        (
            '{"format": "goaleditor", "version": 1, "document": {"unit_name": "\\ud800"}}',
            "无效的字符",
        ),
        (
            '{"format": "goaleditor", "version": 1, "document": {"projects": [{"budget": '
            '{"total": "1e-100000000"}}]}}',
            "不是有效的金额",
        ),
    ],
)
def test_values_that_would_break_later_writers_are_refused(raw, words):
    with pytest.raises(FileFormatError, match=words):
        storage.loads(raw)


@pytest.mark.parametrize(
    ("magic", "words"),
    [
        (b"PK\x03\x04", "文件 → 导入"),
        (b"\xd0\xcf\x11\xe0", "另存为 .docx/.xlsx"),
        (b"%PDF-1.4", "PDF"),
    ],
)
def test_office_and_pdf_files_opened_by_mistake_say_what_to_do(tmp_path, magic, words):
    path = tmp_path / "上年文件.docx"
    path.write_bytes(magic + b"\x00" * 100)
    with pytest.raises(FileFormatError, match=words):
        storage.load(path)


def test_a_text_file_with_an_office_name_says_what_it_is_not(tmp_path):
    path = tmp_path / "种子 文件.docx"
    path.write_text("检察院2024年项目", encoding="utf-8")
    with pytest.raises(FileFormatError) as err:
        storage.load(path)
    assert "扩展名是 .docx" in str(err.value) and "Word 文件" in str(err.value)
    assert ".bak" not in str(err.value), "no backup advice for a file that never was a document"


def test_saving_onto_a_folder_of_that_name_says_so_in_chinese(tmp_path):
    target = tmp_path / "导出 目录.json"
    target.mkdir()
    with pytest.raises(WriteError) as err:
        storage.save(Document(), target)
    message = str(err.value)
    assert "同名的文件夹" in message
    assert not any(word in message for word in ("Is a directory", "Errno")), message


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (OSError(errno.ENAMETOOLONG, "File name too long"), "太长"),
        (OSError(errno.EIO, "Input/output error"), "系统错误 5"),
    ],
)
def test_other_write_errors_are_told_without_the_systems_english(tmp_path, monkeypatch, err, words):
    def fail(self, data):
        raise err

    monkeypatch.setattr(Path, "write_bytes", fail)
    with pytest.raises(WriteError) as caught:
        storage.save(Document(), tmp_path / "doc.json")
    assert words in str(caught.value)
    assert err.strerror not in str(caught.value)


def test_an_unreadable_file_is_told_in_chinese(tmp_path, monkeypatch):
    path = tmp_path / "doc.json"
    storage.save(Document(), path)

    def locked(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(FileFormatError) as err:
        storage.load(path)
    assert "没有读取权限" in str(err.value) and "Permission" not in str(err.value)


def test_a_document_the_loader_would_refuse_is_never_written(tmp_path):
    path = tmp_path / "doc.json"
    storage.save(Document(unit_name="第一版"), path)
    bad = Document(unit_name="第二版", projects=[Project(name="甲")])
    bad.projects[0].budget.total = Decimal("1e16")  # past the loader's limit
    with pytest.raises(WriteError) as err:
        storage.save(bad, path)
    assert "没有保存" in str(err.value) and "预算数" in str(err.value)
    assert storage.load(path).unit_name == "第一版", "the old file is untouched"


def test_version_1_upgrades_to_version_2_with_blank_new_fields(tmp_path):
    """v1 → v2: the layout ids, the layouts' own fields and the indicator attributes
    arrive blank; everything that was there stays, and the file saves as version 2."""
    raw = json.loads((FORMATS / "v1.json").read_text(encoding="utf-8"))
    upgraded = storage.UPGRADES[1](copy.deepcopy(raw))
    assert upgraded["document"]["layout"]["project_layout"] == ""
    doc = storage.load(FORMATS / "v1.json")
    ind = doc.projects[0].indicators[0]
    assert (ind.weight, ind.scoring, ind.basis_type, ind.extra) == (None, "", "", {})
    assert doc.layout.project_layout == "" and doc.projects[0].extra == {}
    path = tmp_path / "v2.json"
    storage.save(doc, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["version"] == 2 == storage.FORMAT_VERSION
    assert storage.load(path) == doc
    first = raw["document"]["projects"][0]["indicators"][0]
    assert all(getattr(ind, key) == value for key, value in first.items())


def test_indicator_attributes_round_trip_and_are_checked(tmp_path):
    doc = sample_document()
    ind = doc.projects[0].indicators[0]
    ind.weight, ind.explanation, ind.scoring = Decimal("20"), "办结数/受理数", "每低1%扣1分"
    ind.basis_type, ind.basis, ind.source, ind.last_value = "历史标准", "上年实际", "台账", "≥90%"
    ind.extra = {"code": "A01"}
    assert storage.loads(storage.dumps(doc)) == doc
    data = storage.to_json_data(doc)
    data["document"]["projects"][0]["indicators"][0]["basis_type"] = "拍脑袋"
    with pytest.raises(FileFormatError, match=r"指标值设定依据类型.*计划标准"):
        storage.from_json_data(data)
    data["document"]["projects"][0]["indicators"][0].update(basis_type="", weight="120")
    with pytest.raises(FileFormatError, match=r"权重.*0 到 100"):
        storage.from_json_data(data)
