"""One vocabulary: the signature block's words are spelled in `labels` only, and what the
forms print is what the importers and the loader's messages read."""

from __future__ import annotations

import ast
from pathlib import Path

from goaleditor import labels, storage
from goaleditor.forms import build_forms
from goaleditor.importers.xlsx import INFO_LABELS
from goaleditor.importers.xlsx_remarks import is_signature_line
from goaleditor.model import Document, Project, Signature

SRC = Path(labels.__file__).resolve().parent
#: Modules allowed to spell the words themselves (none).
PENDING: set[str] = set()
WORDS = (*labels.SIGNATURE_LABELS.values(), labels.STAMP_LABEL)


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """String constants in code, without docstrings (prose may name a label)."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_signature_words_are_spelled_in_the_vocabulary_only():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        if where == "labels.py" or where in PENDING:
            continue
        for line, text in _string_literals(path):
            found += [f"{where}:{line} {word}" for word in WORDS if word in text]
    assert found == []


def test_what_the_forms_print_the_importers_read():
    doc = Document(
        projects=[Project(name="项目")],
        signature=Signature(enabled=True, preparer="张三", phone="123", head="李四", date="今天"),
    )
    cells = [cell for form in build_forms(doc) for cell in form.cells]
    lines = [cell.text for cell in cells if cell.key == "signature"]
    said = [line.partition("：")[0] for line in lines]
    assert said == [*labels.SIGNATURE_LABELS.values(), labels.STAMP_LABEL]
    assert all(is_signature_line(line) for line in lines)
    printed = {cell.text for cell in cells}
    assert set(labels.BUDGET_ROW_LABELS) <= printed
    for label, name in labels.SIGNATURE_FIELDS.items():
        assert INFO_LABELS[label] == name
    header = {labels.INDICATOR_LABELS[name] for name in ("level1", "level2", "name", "value")}
    assert header <= printed and all(text in labels.INDICATOR_HEADERS for text in header)


def test_the_loader_names_fields_in_the_same_words():
    for name, label in {**labels.SIGNATURE_LABELS, **labels.DOCUMENT_LABELS}.items():
        assert storage.FIELD_LABELS[name] == label


def test_rollover_names_department_amounts_as_the_forms_do():
    from goaleditor.rollover import rollover

    doc = storage.load(SRC.parents[1] / "resources" / "samples" / "guangzhou_yuexiu.json")
    assert doc.department is not None and doc.department.budget.own_level is not None
    cleared = " ".join(map(str, rollover(doc, 2030, keep_values=False).changes))
    assert labels.GUANGZHOU_BUDGET_LABELS["own_level"] in cleared  # 市本级使用资金
    assert (
        labels.GUANGZHOU_BUDGET_LABELS["transfer"] in cleared
        or doc.department.budget.transfer is None
    )
