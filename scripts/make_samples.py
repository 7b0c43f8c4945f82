"""Build the bundled sample documents from the flattened seed texts.

    python scripts/make_samples.py

reads ``tests/files/seeds/000_*.txt`` (河北 秦皇岛山海关区检察院 2020) and ``001_*.txt``
(天津市人民检察院机关服务中心 2023) and writes ``resources/samples/hebei_2020.json`` and
``resources/samples/tianjin_2023.json`` with `goaleditor.storage.save`.  The samples
are checked in; this script documents how they were made and rebuilds them when the
model changes.  ``tests/test_samples_projects.py`` checks them against the seeds with
an independent parser.

Seed format: each table cell starts with a tab; a line without a tab that follows a
cell continues it; a blank line ends a table row; other lines are paragraphs.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

from goaleditor import storage
from goaleditor.fileio import backup_path
from goaleditor.model import (
    Budget,
    DepartmentGoals,
    Document,
    DutyGoal,
    Indicator,
    Layout,
    Project,
    Signature,
)

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "tests" / "files" / "seeds"
SAMPLES = REPO / "resources" / "samples"

HEBEI_SEED = SEEDS / "000_b60bbb0a74e0c214.txt"
TIANJIN_SEED = SEEDS / "001_9071eebd9d238f31.txt"

_NUMBER = re.compile(r"^\d+[、.]\s*")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


# ------------------------------------------------------------ seed text → rows


def _rows(lines: list[str]) -> list[list[str]]:
    """Table rows (lists of stripped cells) from the lines of one project's tables.

    Paragraph lines between tables (Tianjin's lone space) are dropped.
    """
    rows: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if line.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.append(line[1:])
        elif line.strip() == "":
            current = None
        elif current is not None:
            current[-1] += "\n" + line
        # else: a paragraph between tables
    return [[cell.strip() for cell in row] for row in rows]


def _whole_rows(rows: list[list[str]], width: int) -> list[list[str]]:
    """Join rows the flattening split apart (Tianjin 7: one indicator row in three)."""
    joined: list[list[str]] = []
    pending: list[str] = []
    for row in rows:
        pending += row
        if len(pending) >= width:
            if len(pending) > width:
                raise ValueError(f"indicator row wider than {width}: {pending}")
            joined.append(pending)
            pending = []
    if pending:
        raise ValueError(f"unfinished indicator row: {pending}")
    return joined


def _amount(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


def _numbered_items(text: str) -> list[str]:
    """``1、a\\n2、b`` → ``["a", "b"]``."""
    return [_NUMBER.sub("", line.strip()) for line in text.split("\n") if line.strip()]


def _project(title: str, rows: list[list[str]], unit_line: str, doc_unit_line: str) -> Project:
    """One project from its title and table rows."""
    project = Project()
    header = rows[0]
    if header[0] != unit_line or not header[1].startswith("单位："):
        raise ValueError(f"{title}: unexpected unit row {header}")
    if header[0] != doc_unit_line:
        # Tianjin 20-23: tables printed under a subordinate unit (天津市检察官学院).
        project.implementer = header[0]
    index = 1
    while index < len(rows):
        row = rows[index]
        label = row[0]
        if label == "项目编码":
            project.code, project.name = row[1], row[3]
            if row[2] != "项目名称":
                raise ValueError(f"{title}: {row}")
        elif label == "项目名称":
            project.name = row[1]
        elif label == "预算规模及资金用途":
            project.budget = Budget(_amount(row[2]), _amount(row[4]), _amount(row[6]))
            purpose_row = rows[index + 1]
            if purpose_row[0] != "":
                raise ValueError(f"{title}: purpose row {purpose_row}")
            project.purpose = purpose_row[1]
            index += 1
        elif label == "资金支出计划（%）":
            plan_row = rows[index + 1]
            project.spending_plan = [_amount(cell) for cell in plan_row[1:5]]
            index += 1
        elif label == "绩效目标":
            project.goals = _numbered_items(row[1])
            extra = [cell for cell in row[2:] if cell]
            if extra:
                raise ValueError(f"{title}: extra cells in goals row {row}")
        elif label == "一级指标":
            has_basis = len(row) == 6
            level1 = level2 = ""
            for ind_row in _whole_rows(rows[index + 1 :], len(row)):
                level1 = ind_row[0] or level1
                level2 = ind_row[1] or level2
                project.indicators.append(
                    Indicator(
                        level1=level1,
                        level2=level2,
                        name=ind_row[2],
                        description=ind_row[3],
                        value=ind_row[4],
                        basis=ind_row[5] if has_basis else "",
                    )
                )
            break
        else:
            raise ValueError(f"{title}: unknown row {row}")
        index += 1
    return project


def _project_chunks(lines: list[str], is_title) -> list[tuple[str, list[str]]]:
    chunks: list[tuple[str, list[str]]] = []
    for line in lines:
        if is_title(line):
            chunks.append((line, []))
        elif chunks:
            chunks[-1][1].append(line)
    return chunks


# ------------------------------------------------------------ Hebei 2020


def _hebei_department(lines: list[str]) -> DepartmentGoals:
    paragraphs = [line.strip() for line in lines if line.strip()]
    dept = DepartmentGoals()
    section = ""
    for para in paragraphs:
        if " TC " in para:
            section = para.split(" TC ")[0]
            continue
        if para in ("第一部分", "部门整体绩效目标", "总体绩效目标：", "工作保障措施："):
            continue
        if section == "一、总体绩效目标":
            dept.overall_goal = para
        elif section == "二、分项绩效目标":
            if para.startswith("绩效目标是"):
                dept.duty_goals[-1].goal = para
            else:
                duty, _, responsibilities = _NUMBER.sub("", para).partition("：")
                dept.duty_goals.append(DutyGoal(duty=duty, responsibilities=responsibilities))
        elif section == "三、工作保障措施":
            if _NUMBER.match(para):
                dept.safeguard_items.append(_NUMBER.sub("", para))
            else:
                dept.safeguards = para
        else:
            raise ValueError(f"department text outside a section: {para}")
    return dept


def hebei() -> Document:
    lines = HEBEI_SEED.read_text(encoding="utf-8").split("\n")
    split = next(i for i, line in enumerate(lines) if line.strip() == "第二部分")
    doc = Document(
        unit_code="151002",
        unit_name="秦皇岛市山海关区人民检察院",
        fiscal_year=2020,
        money_unit="元",
        layout=Layout(
            department_form="text",
            project_form="standard",
            show_code=True,
            show_spending_plan=True,
            show_basis=True,
            number_style="、",
        ),
        department=_hebei_department(lines[:split]),
        signature=Signature(enabled=False),
    )
    chunks = _project_chunks(lines[split:], lambda line: "\\f C" in line)
    for number, (title_line, body) in enumerate(chunks, start=1):
        title = title_line.split(" TC ")[0].strip()
        project = _project(title, _rows(body), doc.unit_line, doc.unit_line)
        if title != f"{number}、{project.name}绩效目标表":
            raise ValueError(f"title does not match name: {title}")
        doc.projects.append(project)
    return doc


# ------------------------------------------------------------ Tianjin 2023


def tianjin() -> Document:
    lines = TIANJIN_SEED.read_text(encoding="utf-8").split("\n")
    doc = Document(
        unit_code="251101",
        unit_name="天津市人民检察院机关服务中心",
        fiscal_year=2023,
        money_unit="万元",
        layout=Layout(
            department_form="",
            project_form="standard",
            show_code=False,
            show_spending_plan=False,
            show_basis=False,
            number_style=".",
        ),
        department=None,
        signature=Signature(enabled=False),
    )
    chunks = _project_chunks(lines, lambda line: "[bookmark:" in line)
    for number, (title_line, body) in enumerate(chunks, start=1):
        title = _BOOKMARK.sub("", title_line).strip()
        rows = _rows(body)
        project = _project(title, rows, rows[0][0], doc.unit_line)
        if title != f"{number}.{project.name}绩效目标表":
            raise ValueError(f"title does not match name: {title}")
        doc.projects.append(project)
    return doc


# ------------------------------------------------------------ main


def write(doc: Document, name: str) -> Path:
    path = SAMPLES / name
    storage.save(doc, path)
    backup_path(path).unlink(missing_ok=True)
    if storage.load(path) != doc:
        raise RuntimeError(f"{path} does not load back equal")
    return path


def main() -> int:
    for doc, name in ((hebei(), "hebei_2020.json"), (tianjin(), "tianjin_2023.json")):
        path = write(doc, name)
        count = sum(len(p.indicators) for p in doc.projects)
        print(f"{path.relative_to(REPO)}: {len(doc.projects)} projects, {count} indicators")
    return 0


if __name__ == "__main__":
    sys.exit(main())
