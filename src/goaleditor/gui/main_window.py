"""The main window: the document tree on the left, the editor of the selected node on the
right, the problems panel below.  It only assembles the panels and wires their
signals; the behaviour lives in the panels and in `DocumentFiles` / `OutputActions`.

The window paints first: what the first sight does not need (the project and department
pages, the problems list, the checks) is built or run after the first paint.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from .. import __version__
from ..errors import FileFormatError
from ..undo_place import DEPARTMENT as DEPARTMENT_PLACE
from ..undo_place import PROJECT as PROJECT_PLACE
from ..undo_place import Place, place_of
from .common import messages
from .common.context import EditorContext
from .common.settings import Settings, remember, restore
from .document.editor import DocumentEditor
from .files.actions import DocumentFiles, display_name
from .files.autosave import AUTOSAVE_DELAY_MS, Autosaver, find_orphans, recover
from .menus import build_menus
from .output.actions import OutputActions
from .tree.panel import DEPARTMENT, DOCUMENT, PROJECT, ProjectTreePanel

if TYPE_CHECKING:  # the checks load after the window is shown
    from ..checks import Problem
    from .department.editor import DepartmentEditor
    from .find.dialog import FindDialog
    from .library.panel import LibraryPanel
    from .problems.panel import ProblemsPanel
    from .project.editor import ProjectEditor


#: Below this many logical pixels of screen height the window saves room (125 % and more
#: on a 1366×768 laptop).
SMALL_SCREEN_HEIGHT = 700


class _FirstPaint(QObject):
    """Calls the window's `_after_first_paint` once its first paint is done.

    Installed last, so it sees the paint before the problems panel's filter does and the
    work waiting for the paint runs before the first checks.
    """

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # a zero timer: after this paint of the whole window has finished
            QTimer.singleShot(0, self.window_, self.window_._after_first_paint)
        return False


class MainWindow(QMainWindow):
    #: Once, when the window has painted for the first time (what can wait runs then).
    firstPainted = Signal()

    def __init__(self, settings: Settings | None = None, autosave_ms: int = AUTOSAVE_DELAY_MS):
        super().__init__()
        self.settings = settings if settings is not None else Settings()
        self.ctx = EditorContext(parent=self)
        self.setObjectName("mainWindow")

        self.tree = ProjectTreePanel(self.ctx, self)
        self.document_editor = DocumentEditor(self.ctx, self)
        # the project and department pages are built when first shown
        self._department_editor: DepartmentEditor | None = None
        self._project_editor: ProjectEditor | None = None
        self._find_dialog: FindDialog | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.document_editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([300, 980])
        self.tree.setMinimumWidth(180)
        self.setCentralWidget(self.splitter)

        # the list (and the checks) are built after the first paint, or when first needed:
        # laying out and painting an empty table would only delay the window
        self._problems: ProblemsPanel | None = None
        self._painted = False
        self.problems_dock = QDockWidget("审核结果", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self._fit_problems_dock()
        self._add_library_dock()

        self.files = DocumentFiles(self, self.ctx, self.settings, self.commit_pending)
        self.output = OutputActions(self, self.ctx, self.files, self.tree.selected_projects)
        self.autosaver = Autosaver(self.ctx, autosave_ms, self)
        self.autosaver.stamp_of = lambda: self.files.stamp
        self.actions_ = build_menus(self)
        self._add_recovery_action()
        self.counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts)
        #: Stays in the status bar while autosave does not work (disk full, no folder).
        self.autosave_warning = QLabel(self)
        self.autosave_warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.autosave_warning.hide()
        self.statusBar().addPermanentWidget(self.autosave_warning)
        self._autosave_told = False
        self.autosaver.failed.connect(self._autosave_failed)
        self.autosaver.recovered.connect(self.autosave_warning.hide)
        self._wire()
        self._restore_state()
        self._update_title()
        self.tree.select_node(DOCUMENT)
        _FirstPaint(self)

    @property
    def problems(self) -> ProblemsPanel:
        """The problems panel, built and docked after the first paint (or now, when it is
        needed before that)."""
        if self._problems is None:
            from .problems.panel import ProblemsPanel

            panel = ProblemsPanel(self.ctx, self, painted=self._painted)
            self.tree.nodeSelected.connect(panel.set_current_node)
            panel.set_current_node(*self.tree.current_node())
            panel.problemActivated.connect(self.go_to_problem)
            panel.countsChanged.connect(self._show_counts)
            self.problems_dock.setWidget(panel)
            self._problems = panel
        return self._problems

    def _after_first_paint(self) -> None:
        self._painted = True
        self.firstPainted.emit()  # first: whoever waits for the paint hears it at once
        _ = self.problems  # built now, its first checks right after
        self._fit_problems_dock()
        self.library_dock.build()

    def small_screen(self) -> bool:
        """A laptop screen at 125 % or more (1366×768 → 614 or 512 logical pixels high)."""
        from .common.screen_fit import screen_limit

        limit = screen_limit(self, 1.0)
        return limit is not None and limit[1] < SMALL_SCREEN_HEIGHT

    def _fit_problems_dock(self) -> None:
        """130 px on a desktop screen, a sixth of a small one — also after a remembered
        layout (the editor's table must keep its rows)."""
        from .common.screen_fit import screen_limit

        limit = screen_limit(self, 1.0)
        most = min(130, limit[1] // 6) if limit else 130
        if not self.problems_dock.isVisible() or self.problems_dock.height() > most:
            self.resizeDocks([self.problems_dock], [most], Qt.Orientation.Vertical)

    def _fit_chrome(self) -> None:
        """On a small screen the toolbar shows its icons only (names in the tooltips):
        its labels would take the height of two indicator rows."""
        toolbar = self.actions_.toolbar
        if self.small_screen():
            toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            toolbar.setIconSize(QSize(16, 16))
        else:
            toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            toolbar.setIconSize(QSize(20, 20))

    # ------------------------------------------------------------- 指标库

    def _add_library_dock(self) -> None:
        """The 指标库 dock (`gui/library/dock.py`); its panel and index come after the first
        paint."""
        from .library.dock import LibraryDock

        self.library_dock = LibraryDock(self, self.show_message)
        self.library = self.library_dock.service

    @property
    def library_panel(self) -> LibraryPanel:
        """The 指标库 panel, in its dock from the first paint on (or from now)."""
        return self.library_dock.panel

    def insert_from_library(self, entries: list) -> None:
        """插入: the entries go into the indicator table on screen, one undo step."""
        self.library_dock.insert(entries)

    @property
    def project_editor(self) -> ProjectEditor:
        """The project page, built the first time it is needed (start-up shows the document
        page and should not wait for the others)."""
        if self._project_editor is None:
            from .project.editor import ProjectEditor

            editor = ProjectEditor(self.ctx, self)
            self.pages.addWidget(editor)
            restore(self.settings, "projectSplitter", editor.splitter)
            editor.reviewRequested.connect(self.tree.review_action.trigger)
            editor.table.fitter.resizedByClerk.connect(self._remember_columns)
            self.library_dock.join(editor.table)
            self._project_editor = editor
        return self._project_editor

    @property
    def department_editor(self) -> DepartmentEditor:
        """The 部门整体 page, built the first time it is needed (its forms are the costliest
        to build)."""
        if self._department_editor is None:
            from .department.editor import DepartmentEditor

            editor = DepartmentEditor(self.ctx, self)
            self.pages.addWidget(editor)
            restore(self.settings, "departmentSplitter", editor.splitter)
            self.library_dock.join(editor.table)
            self._department_editor = editor
        return self._department_editor

    # ------------------------------------------------------------- wiring

    def _wire(self) -> None:
        ctx = self.ctx
        self.tree.nodeSelected.connect(self.show_node)
        ctx.undo_stack.cleanChanged.connect(self._update_title)
        ctx.filePathChanged.connect(self._update_title)
        ctx.documentReplaced.connect(self._update_title)
        for source in (self.files, self.output):
            source.message.connect(self.show_message)
        self.files.readOnlyChanged.connect(self._update_title)
        self.files.stored.connect(self.library.record)
        self.output.problemsRequested.connect(self.run_checks)

    def _remember_columns(self) -> None:
        header = self.project_editor.table.view.horizontalHeader()
        remember(self.settings, "indicatorColumns", header)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, messages.STATUS_MS)

    def _update_title(self, *_args) -> None:
        read_only = "（只读）" if self.files.read_only else ""
        self.setWindowTitle(f"{display_name(self.ctx)}{read_only}[*] - {messages.APP_TITLE}")
        self.setWindowModified(not self.ctx.undo_stack.isClean())

    def _show_counts(self, errors: int, warnings: int) -> None:
        if errors or warnings:
            self.counts.setText(f"审核：{errors} 个错误，{warnings} 个提醒")
        else:
            self.counts.setText("审核通过")

    # ---------------------------------------------------------- navigation

    def show_node(self, kind: str, row: int) -> None:
        """Show the editor of the node the tree selected."""
        doc = self.ctx.document
        if kind == PROJECT and 0 <= row < len(doc.projects):
            self.project_editor.set_project(doc.projects[row])
            header = self.project_editor.table.view.horizontalHeader()
            restore(self.settings, "indicatorColumns", header)
            self.pages.setCurrentWidget(self.project_editor)
            return
        if self._project_editor is not None:
            self._project_editor.set_project(None)
        if kind == DEPARTMENT:
            self.department_editor.reload()
            self.pages.setCurrentWidget(self.department_editor)
        else:
            self.pages.setCurrentWidget(self.document_editor)

    def go_to_problem(self, problem: Problem) -> None:
        """Select the problem's project (or department) and put the cursor on its field."""
        from ..checks.problem import DOCUMENT_FIELDS

        field = problem.field or ""
        if problem.project_index is not None:
            self.tree.select_node(PROJECT, problem.project_index)
            self.project_editor.focus_field(field, problem.row)
        elif problem.row is None and field in DOCUMENT_FIELDS:
            self.tree.select_node(DOCUMENT)
            self.document_editor.focus_field(field)
        else:
            self.tree.select_node(DEPARTMENT)
            self.department_editor.focus_field(field, problem.row)

    def selected_projects(self) -> list[int]:
        return self.tree.selected_projects()

    def replay(self, undo: bool) -> None:
        """撤销 / 重做 one step, then show where it changed the document.

        The undo history spans the whole document: without this, undoing after switching
        to another project changes a project that is not on screen.
        """
        self.commit_pending()  # text still being typed is the step to undo
        stack = self.ctx.undo_stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            return
        text = stack.undoText() if undo else stack.redoText()
        changed: list[tuple[object, str]] = []

        def record(obj: object, name: str) -> None:
            changed.append((obj, name))

        self.ctx.fieldChanged.connect(record)
        self.ctx.listChanged.connect(record)
        try:
            stack.undo() if undo else stack.redo()
        finally:
            self.ctx.fieldChanged.disconnect(record)
            self.ctx.listChanged.disconnect(record)
        doc = self.ctx.document
        place = next((p for p in (place_of(doc, o, n) for o, n in changed) if p is not None), None)
        done = "已撤销" if undo else "已重做"
        if place is None:
            self.show_message(f"{done}：{text}")
            return
        self.show_place(place)
        self.show_message(f"{done}：{text}（{place.describe(doc)}）")

    def show_place(self, place: Place) -> None:
        if place.kind == PROJECT_PLACE and place.project is not None:
            if self.tree.current_node() != (PROJECT, place.project):
                self.tree.select_node(PROJECT, place.project)
            if place.row is not None or place.field:
                self.project_editor.focus_field(place.field, place.row)
        elif place.kind == DEPARTMENT_PLACE:
            if self.tree.current_node()[0] != DEPARTMENT:
                self.tree.select_node(DEPARTMENT)
            if place.row is not None or place.field:
                self.department_editor.focus_field(place.field, place.row)
        else:
            if self.tree.current_node()[0] != DOCUMENT:
                self.tree.select_node(DOCUMENT)
            if place.field:
                self.document_editor.focus_field(place.field)

    # ------------------------------------------------------------- actions

    def commit_pending(self) -> None:
        """Write fields still being typed into the document (before save, export …)."""
        focus = self.focusWidget()
        editor = self._project_editor
        if editor is not None and isinstance(focus, QWidget) and self.isAncestorOf(focus):
            editor.commit_pending()

    def run_checks(self) -> None:
        """审核 (F7): always a visible answer — the panel raised and a status message."""
        self.commit_pending()
        self.problems_dock.show()
        self.problems_dock.raise_()
        problems = self.problems.run_now()
        errors = sum(p.is_error for p in problems)
        if not problems:
            self.show_message("审核通过：没有发现问题。")
        else:
            found = f"{errors} 个错误，{len(problems) - errors} 个提醒"
            self.show_message(f"审核完成：{found}，已列在下方“审核结果”中（双击可跳转）。")

    def edit_focused(self, operation: str) -> None:
        """编辑 → 剪切/复制/粘贴: done by the focused field or table."""
        from .common.focused_edit import edit_focused

        if not edit_focused(self.focusWidget(), operation):
            self.show_message("请先点一下要编辑的字段或表格。")

    def find(self, replace: bool = False) -> None:
        """编辑 → 查找 (Ctrl+F) / 替换 (Ctrl+H) over the whole document."""
        if self._find_dialog is None:
            from .find.dialog import FindDialog

            self._find_dialog = FindDialog(self)
        self._find_dialog.open_for(replace)

    def import_layout(self, path: str | None = None) -> None:
        """文件 → 导入版式…: the new layout appears in the document page's lists."""
        from .document.layouts import import_layout

        if import_layout(self, path) is not None:
            self.document_editor.refresh_layouts()

    def show_about(self) -> None:
        messages.show_info(
            self,
            "关于",
            f"{messages.APP_TITLE} {__version__}\n\n"
            "编辑、审核、打印预算项目绩效目标表和部门整体绩效目标表。",
        )

    # ------------------------------------------------------------ lifecycle

    def start(self, path: str | Path | None = None) -> None:
        """After the window is shown: open *path*, then offer work a crash left behind."""
        if not self.autosaver.available:
            self._autosave_failed(self.autosaver.last_error)
        if self.settings.note:
            self.show_message(self.settings.note)
        if path:
            self.files.open_path(path, ask=False)
        self.offer_recovery()
        self.tree.view.setFocus()

    def _autosave_failed(self, reason: str) -> None:
        """A warning in the status bar until autosave works again, and a message once."""
        self.autosave_warning.setText(
            "⚠ 自动保存失败" if self.autosaver.available else "⚠ 没有自动保存"
        )
        self.autosave_warning.setToolTip(reason)
        self.autosave_warning.show()
        if self._autosave_told:
            return
        self._autosave_told = True
        messages.show_warning(
            self,
            "自动保存",
            f"{reason.rstrip('。')}。\n\n"  # the reasons mostly end in 。 already
            + (
                "未保存的修改现在没有自动保存的副本，程序意外退出时会丢失。"
                "请尽快处理（如清理磁盘），并经常手动保存（Ctrl+S）。"
                if self.autosaver.available
                else "本次运行没有自动保存：程序意外退出时，未保存的修改会丢失。请经常手动保存（Ctrl+S）。"
            ),
        )

    def offer_recovery(self, asked: bool = False) -> bool:
        """Offer the autosaves crashed sessions left behind; True when one was recovered.

        *asked* when the clerk chose 文件 → 恢复自动保存… (then "none" is said too).
        Only what the clerk gives up is deleted; the rest waits for the next start.
        """
        try:
            orphans = find_orphans() if self.autosaver.available else []
        except OSError:
            orphans = []
        if not orphans:
            if asked:
                messages.show_info(self, "恢复自动保存", "没有需要恢复的自动保存。")
            return False
        from .files.recovery_dialog import choose_orphan

        chosen, kept = choose_orphan(self, orphans)
        if chosen is None:
            if kept:
                self._say_kept(kept, "")
            return False
        if not self.files.maybe_save("恢复自动保存"):
            self._say_kept(kept + 1, "")
            return False
        if not chosen.path.exists():
            messages.show_error(
                self, "无法恢复", "这份自动保存已经不在了，可能已在另一个窗口中恢复。"
            )
            return False
        source, read_only = chosen.source_file(), False
        if source is not None:  # as when opening it: another window may have it
            asked = self.files.ask_if_open_elsewhere(source)
            if asked is None:
                self._say_kept(kept + 1, "")
                return False
            read_only = asked

        def track(path: Path | None) -> None:  # its lock, and its stamp from the autosave
            self.files.track(path, read_only, chosen.stamp if path is not None else None)

        try:
            recover(self.ctx, chosen, self.autosaver, track)
        except FileFormatError as err:
            messages.show_error(
                self,
                "无法恢复",
                f"自动保存的文件无法读取，已保留在：\n{chosen.path}\n\n{err}",
            )
            return False
        self._say_kept(kept, "已恢复自动保存的内容。请检查后保存。")
        return True

    def _say_kept(self, kept: int, done: str) -> None:
        from .files.recovery_dialog import MENU_PATH as RECOVERY_MENU_PATH

        text = done
        if kept:
            text += f"另有 {kept} 份自动保存" if done else f"{kept} 份自动保存已保留"
            text += f"，将在下次启动时再询问（也可以从{RECOVERY_MENU_PATH}打开）。"
        self.statusBar().showMessage(text, 20000)

    def _add_recovery_action(self) -> None:
        """文件 → 恢复自动保存…, after 最近文件 (the autosaves kept for later)."""
        act = QAction("恢复自动保存(&U)...", self)
        act.setStatusTip("打开程序意外退出时留下的未保存工作")
        act.triggered.connect(lambda _checked=False: self.offer_recovery(asked=True))
        file_menu = self.actions_.recent_menu.parentWidget()
        if isinstance(file_menu, QMenu):
            after = self.actions_.recent_menu.menuAction()
            actions = file_menu.actions()
            index = actions.index(after) + 1 if after in actions else len(actions)
            before = actions[index] if index < len(actions) else None
            file_menu.insertAction(before, act)
        self.actions_.recover = act

    def _restore_state(self) -> None:
        """Last session's geometry — never larger than this screen (1366×768 at 150 %)."""
        from .common.screen_fit import fit_to_screen

        if restore(self.settings, "mainWindow", self):
            fit_to_screen(self, self.width(), self.height(), share=0.95)
        else:
            fit_to_screen(self, 1280, 800, share=0.95)
        restore(self.settings, "mainSplitter", self.splitter)
        self._fit_chrome()
        self._fit_problems_dock()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        remember(self.settings, "mainWindow", self)
        remember(self.settings, "mainSplitter", self.splitter)
        if self._project_editor is not None:
            remember(self.settings, "projectSplitter", self._project_editor.splitter)
        if self._department_editor is not None:
            remember(self.settings, "departmentSplitter", self._department_editor.splitter)
        self.settings.save()
        self.autosaver.shutdown()
        self.files.release()
        self.library.shutdown()
        event.accept()
