"""导出 Excel / PDF / Word, 打印, and the year dialogs (以上年文件新建, 导入) with their reports.

The exporters and dialogs live in other modules and are imported when first used,
so the window opens fast and does not load openpyxl, reportlab or python-docx until needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...applog import faults_reported
from ...errors import GoalEditorError, WriteError
from ...model import Document
from ..common import messages
from ..common.background import CANCELLED, snapshot, write_in_background
from ..common.context import EditorContext
from ..files.actions import DocumentFiles, safe_file_name, suggested_name

if TYPE_CHECKING:  # the dialogs load when first used
    from ..dialogs.report_dialog import ReportDialog

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"
DOCX_FILTER = "Word 文档 (*.docx)"


def is_file_in_use(err: WriteError, path: Path) -> bool:
    """*err* is Windows refusing to replace *path* because a program holds it open.

    `atomic_write` raises WriteError from the PermissionError; a read-only file or a
    folder the clerk may not write to is told apart by the file not being there or
    being read-only (reported without a PermissionError behind it).
    """
    return isinstance(err.__cause__, PermissionError) and path.is_file()


class OutputActions(QObject):
    """*selected* returns the selected project rows (empty: none selected); *current*
    the row of the project the editor shows (-1: none).  Without *current* the window's
    project tree answers it (``window.tree.current_node()``)."""

    message = Signal(str)
    #: The clerk chose 查看问题 when asked about 审核 错误 before an export or print.
    problemsRequested = Signal()
    #: The report text changed (so 查看报告 can be enabled).
    reportChanged = Signal(str)

    def __init__(
        self,
        window: QWidget,
        ctx: EditorContext,
        files: DocumentFiles,
        selected: Callable[[], list[int]],
        current: Callable[[], int] | None = None,
    ):
        super().__init__(window)
        self.window, self.ctx, self.files, self.selected = window, ctx, files, selected
        self.current = current or self._tree_current
        self.report_title = ""
        self.report_text = ""
        self.report_dialog: ReportDialog | None = None
        #: The rollover document whose report is written beside it when first saved.
        self._report_owner: object | None = None
        ctx.filePathChanged.connect(self._save_rollover_report)

    def _tree_current(self) -> int:
        from ..tree.panel import PROJECT

        tree = getattr(self.window, "tree", None)
        if tree is None:
            return -1
        kind, row = tree.current_node()
        return row if kind == PROJECT else -1

    # ------------------------------------------------------------- scope

    def chosen_projects(self) -> list[int]:
        """The projects the clerk chose on purpose: viewing a project selects it in the
        tree, but that alone is no reason to ask what to print."""
        rows = self.selected()
        if len(rows) == 1 and rows[0] == self.current():
            return []
        return rows

    def _scope(self, what: str) -> tuple[bool, list[int] | None]:
        """Whole document or the selected projects: ``(go on, projects or None)``."""
        rows = self.chosen_projects()
        count = len(self.ctx.document.projects)
        if not rows or len(rows) == count:
            return True, None
        choice = messages.choose(
            self.window,
            what,
            f"要{what}整个文档，还是只{what}左侧选中的 {len(rows)} 个项目？",
            ["整个文档", f"选中的 {len(rows)} 个项目"],
        )
        if choice is None:
            return False, None
        return True, None if choice == 0 else rows

    def _errors_ok(self, what: str, projects: list[int] | None) -> bool:
        """With 审核 错误 in what is about to go out, ask first: 继续 / 查看问题 / 取消.

        *projects* None means the whole document; otherwise only those projects (and the
        document header, which every printed form shows) are counted.
        """
        errors = [p for p in self._findings(projects) if p.is_error]
        if not errors:
            return True
        first = errors[0]
        choice = messages.choose(
            self.window,
            what,
            f"审核发现 {len(errors)} 个错误，例如：\n{first.location}：{first.message}\n\n"
            f"仍要{what}吗？",
            [f"继续{what}", "查看问题"],
        )
        if choice == 1:
            self.problemsRequested.emit()
        return choice == 0

    def _findings(self, projects: list[int] | None) -> list:
        """审核's findings for the document header, the department form (whole document
        only) and the *projects* (None: all).

        Taken from the window's problems panel, brought up to date first (only what changed
        since its last update is checked again): checking 500 projects anew would hold
        the window ~0.2 s before every export and preview.  Without the panel, checked here.
        """
        from ..problems.model import DEPARTMENT_GROUP, DOCUMENT_GROUP, FIRST_PROJECT_GROUP
        from ..problems.panel import ProblemsPanel

        doc = self.ctx.document
        indices = range(len(doc.projects)) if projects is None else projects
        panel = getattr(self.window, "problems", None)
        if isinstance(panel, ProblemsPanel):
            panel.flush()
            model = panel.model
            if model.group_count() == FIRST_PROJECT_GROUP + len(doc.projects):
                groups = [DOCUMENT_GROUP] + ([DEPARTMENT_GROUP] if projects is None else [])
                groups += [FIRST_PROJECT_GROUP + i for i in indices]
                return [p for g in groups for p in model.group(g)]
        from ...checks import check_department, check_document, check_project

        found = check_document(doc)
        if projects is None:
            found += check_department(doc)
        for index in indices:
            found += check_project(doc, index)
        return found

    def export_name(self, suffix: str, projects: list[int] | None) -> Path:
        """The suggested export file: the document's name and folder with *suffix*.

        An export of some projects only gets their name (one) or count (several), so
        it does not replace the export of the whole document by accident.
        """
        doc, base = self.ctx.document, self.ctx.file_path
        folder = base.parent if base is not None else Path(self.files.start_dir())
        stem = base.stem if base is not None else Path(suggested_name(doc)).stem
        if projects is not None and len(projects) == 1:
            name = safe_file_name(doc.projects[projects[0]].name)[:40]
            stem = f"{stem}_{name or f'项目{projects[0] + 1}'}"
        elif projects is not None:
            stem = f"{stem}_{len(projects)}个项目"
        return folder / f"{stem}{suffix}"

    def _target(self, title: str, start: Path, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog  # Qt's class loads when first used

        path, _ = QFileDialog.getSaveFileName(self.window, title, str(start), file_filter)
        if not path:
            return None
        path, suffix = Path(path), start.suffix
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    # ------------------------------------------------------------ exports

    def font_path(self) -> str | None:
        """The PDF font chosen in 设置 (None: automatic)."""
        return self.files.settings.pdf_font()

    def export_xlsx(self) -> bool:
        from ...export.xlsx import write_xlsx

        return self._export("Excel", ".xlsx", XLSX_FILTER, write_xlsx)

    def export_pdf(self) -> bool:
        from ...export.pdf import write_pdf

        font = self.font_path()
        return self._export(
            "PDF", ".pdf", PDF_FILTER, lambda doc, path, rows: write_pdf(doc, path, rows, font)
        )

    def export_docx(self) -> bool:
        from ...export.docx import write_docx

        return self._export("Word", ".docx", DOCX_FILTER, write_docx)

    def _export(
        self,
        kind: str,
        suffix: str,
        file_filter: str,
        write: Callable[[Document, Path, list[int] | None], object],
    ) -> bool:
        """Ask what and where, write, and tell the clerk how it went.

        The file is written in a worker thread from a snapshot of the document, with a
        progress dialog and 取消 (`write_in_background`): the window does not freeze.
        A target held open by Excel, Word or WPS is not an error to read and dismiss: the clerk
        closes it there and retries, or picks another name.
        """
        go, projects = self._scope("导出")
        if not go:
            return False
        self.files.commit()
        if not self._errors_ok("导出", projects):
            return False
        title = f"导出 {kind}"
        path = self._target(title, self.export_name(suffix, projects), file_filter)
        doc = snapshot(self.ctx.document)
        while path is not None:
            try:
                with faults_reported(f"导出 {kind} 文件"):
                    info = write_in_background(
                        self.window,
                        title,
                        f"正在导出“{path.name}”，请稍候……",
                        path,
                        lambda tmp: write(doc.load(), tmp, projects),
                    )
            except GoalEditorError as err:
                if not (isinstance(err, WriteError) and is_file_in_use(err, path)):
                    messages.show_error(self.window, "导出失败", f"没有导出 {kind} 文件。\n\n{err}")
                    return False
                program = "Word" if suffix == ".docx" else "Excel"
                answer = messages.ask_file_in_use(self.window, title, path.name, program)
                if answer == messages.ELSEWHERE:
                    path = self._target(title, path, file_filter)
                elif answer != messages.RETRY:
                    return False
                continue
            if info is CANCELLED:
                self.message.emit(f"已取消导出 {kind}，没有写入文件。")
                return False
            self._report_export(kind, path, info)
            return True
        return False

    def make_template(self) -> bool:
        """文件 → 生成填报模板: a blank workbook in the document's layouts (its department
        form too), for units that fill in Excel; imported back with 导入."""
        import copy

        from ...export.template import write_template_to

        self.files.commit()
        layout = copy.deepcopy(self.ctx.document.layout)
        title = "生成填报模板"
        start = self.export_name(".xlsx", None)
        path = self._target(title, start.with_name(f"{start.stem}_填报模板.xlsx"), XLSX_FILTER)
        if path is None:
            return False
        try:
            with faults_reported("生成填报模板"):
                done = write_in_background(
                    self.window,
                    title,
                    f"正在生成“{path.name}”，请稍候……",
                    path,
                    lambda tmp: write_template_to(tmp, layout),
                    action="生成模板",
                )
        except GoalEditorError as err:
            messages.show_error(self.window, title, f"没有生成填报模板。\n\n{err}")
            return False
        if done is CANCELLED:
            return False
        self.message.emit(f"已生成填报模板：{path}")
        return True

    def _report_export(self, kind: str, path: Path, info: object) -> None:
        pages = getattr(info, "pages", None)
        count = f"（共 {pages} 页）" if pages else ""
        self.message.emit(f"已导出 {kind}{count}：{path}")
        notes = getattr(info, "notes", ())
        if notes:
            messages.show_warning(
                self.window,
                f"导出 {kind}",
                f"已导出“{path.name}”{count}，但请注意：\n\n"
                + "\n".join(notes)
                + messages.FONT_HINT,
            )

    def print_preview(self) -> None:
        go, projects = self._scope("打印")
        if not go:
            return
        self.files.commit()
        if not self._errors_ok("打印", projects):
            return
        from .print_preview import show_print_preview

        show_print_preview(self.window, self.ctx.document, projects, self.font_path())

    def edit_settings(self) -> bool:
        """设置 (the PDF font)."""
        from ..dialogs.settings_dialog import run_settings_dialog

        if not run_settings_dialog(self.window, self.files.settings):
            return False
        font = self.font_path()
        self.message.emit(f"PDF 字体：{Path(font).name}" if font else "PDF 字体：自动选择")
        return True

    # -------------------------------------------------------- year dialogs

    def rollover(self) -> bool:
        """以上年文件新建: the dialog shows its report before the new document opens."""
        from ..dialogs.year_dialogs import run_rollover_dialog

        self.files.commit()
        result = run_rollover_dialog(self.window, self.ctx.document)
        if result is None:
            return False
        doc, report = result
        if not self.files.open_unsaved(doc, messages.BEFORE_ROLLOVER):
            return False
        self._set_report("结转报告", report)
        self._report_owner = self.ctx.document
        self.message.emit(
            "已生成新年度文档（尚未保存）。保存时结转报告一并保存在它旁边，"
            "以后可从“帮助 → 导入/结转报告”打开和打印。"
        )
        return True

    def _save_rollover_report(self, path: Path | None) -> None:
        """The new year's document was saved as *path*: keep its report beside it."""
        if path is None or self._report_owner is None:
            return
        if self.ctx.document is not self._report_owner:  # another document was opened
            self._report_owner = None
            return
        from ...rollover import save_report

        self._report_owner = None
        try:
            target = save_report(path, self.report_text)
        except GoalEditorError as err:
            messages.show_warning(
                self.window, "结转报告", f"文档已保存，但结转报告没有保存。\n\n{err}"
            )
            return
        self.message.emit(f"已保存，结转报告保存在：{target}")

    def import_file(self) -> bool:
        """导入: the new document opens unsaved and its report is shown once."""
        from ..dialogs.year_dialogs import run_import_dialog

        result = run_import_dialog(self.window, self.files.start_dir())
        if result is None:
            return False
        doc, report, source = result
        if not self.files.open_unsaved(doc, messages.BEFORE_IMPORT):
            return False
        self.files.stored.emit(doc, Path(source))
        self._set_report(f"导入报告：{Path(source).name}", report)
        self.show_report()
        self.message.emit("已导入（尚未保存）。导入报告可在“帮助”菜单中再次查看。")
        return True

    def _set_report(self, title: str, text: str) -> None:
        self.report_title = title
        self.report_text = text or "没有需要说明的内容。"
        self.reportChanged.emit(self.report_text)

    def show_report(self) -> None:
        """The report of this session's import or rollover, or else the rollover report
        kept beside the open document (``NAME.结转报告.txt``)."""
        title, text = self.report_title, self.report_text
        if not text and self.ctx.file_path is not None:
            from ...rollover import read_report

            title, text = "结转报告", read_report(self.ctx.file_path) or ""
        if not text:
            messages.show_info(
                self.window,
                "导入/结转报告",
                "本次运行还没有导入或结转过文件，当前文档旁边也没有结转报告。",
            )
            return
        from ..dialogs.report_dialog import ReportDialog

        if self.report_dialog is not None:
            self.report_dialog.close()
        self.report_dialog = ReportDialog(title, text, self.window)
        self.report_dialog.show()
