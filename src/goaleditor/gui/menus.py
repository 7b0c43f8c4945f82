"""The window's actions, menus and toolbar (文件 / 编辑 / 项目 / 审核 / 帮助).

Actions only call methods of the objects that own the behaviour (`DocumentFiles`,
`OutputActions`, `ProjectTreePanel`, `ProblemsPanel`); nothing here changes the
document itself.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar
from shiboken6 import isValid

from .common.focused_edit import KEYS

if TYPE_CHECKING:
    from .main_window import MainWindow

_T = QIcon.ThemeIcon
_S = QStyle.StandardPixmap


def _icon(window, theme: QIcon.ThemeIcon | None, fallback: QStyle.StandardPixmap | None) -> QIcon:
    """The platform's themed icon where there is one, else Qt's built-in one (or none)."""
    if theme is not None and QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    return window.style().standardIcon(fallback) if fallback is not None else QIcon()


def plain_text(text: str) -> str:
    """``导出 Excel(&E)...`` → ``导出 Excel``: an action's name without mnemonic or dots."""
    return text.split("(&")[0].replace("&", "").removesuffix("...").removesuffix("…").strip()


def tool_tip(name: str, act: QAction) -> str:
    """``新建 (Ctrl+N)``: the name and the keys that run it, as toolbar tooltips read."""
    keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{name} ({keys})" if keys else name


class _UndoLabel(QObject):
    """撤销/重做 keep their short label on the toolbar; what they undo goes in the tooltip.

    The menu says what is undone ("撤销 修改一级指标"); a toolbar button showing that
    would grow and shift every button after it.  A child of the action,
    so it goes with the action (the stack may still announce a change while the window
    is torn down).
    """

    def __init__(self, act: QAction, label: str, text_changed):
        super().__init__(act)
        self.act, self.label = act, label
        text_changed.connect(self.update)
        self.update("")

    def update(self, text: str) -> None:
        if not isValid(self.act):  # the window is being torn down
            return
        self.act.setText(f"{self.label} {text}" if text else self.label)
        self.act.setIconText(self.label)
        name = f"{self.label}：{text}" if text else self.label
        self.act.setToolTip(tool_tip(name, self.act))


def build_menus(window: MainWindow) -> SimpleNamespace:
    """Create every window action, fill the menu bar and toolbar; return the actions."""
    files, output, tree, stack = window.files, window.output, window.tree, window.ctx.undo_stack
    acts = SimpleNamespace()

    def action(
        name: str,
        text: str,
        slot: Callable[[], object],
        keys=None,
        icon: tuple | None = None,
        tip: str = "",
    ) -> QAction:
        act = QAction(text, window)
        act.setIconText(plain_text(text))
        if keys is not None:
            act.setShortcut(QKeySequence(keys))
        act.setToolTip(tool_tip(plain_text(text), act))
        if icon is not None:
            act.setIcon(_icon(window, *icon))
        act.setStatusTip(tip or plain_text(text))
        act.triggered.connect(lambda _checked=False: slot())
        setattr(acts, name, act)
        return act

    K = QKeySequence.StandardKey
    action("new", "新建(&N)", files.new, K.New, (_T.DocumentNew, _S.SP_FileIcon), "新建空白文档")
    action("open", "打开(&O)...", files.open, K.Open, (_T.DocumentOpen, _S.SP_DialogOpenButton))
    action(
        "rollover", "以上年文件新建(&Y)...", output.rollover, None,
        (_T.GoNext, _S.SP_ArrowForward), "由上一年度的文档生成新年度的文档",
    )  # fmt: skip
    action(
        "import_", "导入 Excel/Word(&I)...", output.import_file, None,
        (_T.InsertText, _S.SP_FileDialogContentsView), "导入用 Excel 或 Word 填报的表",
    )  # fmt: skip
    action(
        "import_layout", "导入版式(&L)...", window.import_layout, None, None,
        "把省、市的版式文件加入“表格版式”的列表",
    )  # fmt: skip
    action("save", "保存(&S)", files.save, K.Save, (_T.DocumentSave, _S.SP_DialogSaveButton))
    action("save_as", "另存为(&A)...", files.save_as, K.SaveAs, (_T.DocumentSaveAs, None))
    action(
        "export_xlsx", "导出 Excel(&E)...", output.export_xlsx, "Ctrl+E",
        (None, _S.SP_FileDialogDetailedView), "按正式版式导出 Excel 文件",
    )  # fmt: skip
    action(
        "export_pdf", "导出 PDF(&F)...", output.export_pdf, "Ctrl+Shift+E",
        (None, _S.SP_FileDialogListView), "导出可直接打印的 PDF 文件",
    )  # fmt: skip
    action(
        "export_docx", "导出 Word(&W)...", output.export_docx, None,
        (None, _S.SP_FileDialogInfoView), "按正式版式导出 Word 文档（可放入预算公开文本）",
    )  # fmt: skip
    action(
        "template", "生成填报模板(&M)...", output.make_template, None, None,
        "按本文档的版式生成空白的 Excel 填报模板，填好后可导入",
    )  # fmt: skip
    action(
        "print_", "打印(&P)...", output.print_preview, K.Print,
        (_T.DocumentPrint, _S.SP_DesktopIcon), "预览并打印",
    )  # fmt: skip
    action("print_preview", "打印预览(&V)...", output.print_preview, None, None)
    action(
        "settings", "设置(&T)...", output.edit_settings, None,
        (None, _S.SP_FileDialogDetailedView), "PDF 字体等设置",
    )  # fmt: skip
    action("quit", "退出(&X)", window.close, K.Quit, (_T.ApplicationExit, None))
    if acts.quit.shortcut().isEmpty():
        acts.quit.setShortcut(QKeySequence("Ctrl+Q"))
        acts.quit.setToolTip(tool_tip("退出", acts.quit))

    # Not QUndoStack.createUndoAction: the window's `replay` also shows where the change is.
    acts.undo = QAction("撤销", window)
    acts.undo.setEnabled(stack.canUndo())
    stack.canUndoChanged.connect(acts.undo.setEnabled)
    acts.undo.triggered.connect(lambda _checked=False: window.replay(undo=True))
    acts.undo.setShortcut(K.Undo)
    acts.undo.setIcon(_icon(window, _T.EditUndo, _S.SP_ArrowBack))
    acts.redo = QAction("重做", window)
    acts.redo.setEnabled(stack.canRedo())
    stack.canRedoChanged.connect(acts.redo.setEnabled)
    acts.redo.triggered.connect(lambda _checked=False: window.replay(undo=False))
    # Windows binds Redo to Ctrl+Y already; the same key twice on one action is an
    # "ambiguous shortcut" and does nothing, so Ctrl+Y is added only where it is missing.
    redo_keys = QKeySequence.keyBindings(K.Redo)
    if QKeySequence("Ctrl+Y") not in redo_keys:
        redo_keys.append(QKeySequence("Ctrl+Y"))
    acts.redo.setShortcuts(redo_keys)
    acts.redo.setIcon(_icon(window, _T.EditRedo, _S.SP_ArrowForward))
    _UndoLabel(acts.undo, "撤销", stack.undoTextChanged)
    _UndoLabel(acts.redo, "重做", stack.redoTextChanged)
    for act in (tree.add_action, tree.duplicate_action, tree.delete_action):
        act.setToolTip(tool_tip(plain_text(act.text()), act))

    # 剪切/复制/粘贴 show their keys, but the keys stay with the focused widget (a text
    # field, or the tables' own actions): a window-wide Ctrl+C would clash with those.
    for name, text, operation in (
        ("cut", "剪切(&T)", "cut"), ("copy", "复制(&C)", "copy"), ("paste", "粘贴(&P)", "paste"),
    ):  # fmt: skip
        act = action(name, text, lambda op=operation: window.edit_focused(op), KEYS[operation])
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action("find", "查找(&F)...", lambda: window.find(replace=False), K.Find, None,
           "在整个文档中查找文字")  # fmt: skip
    action("replace", "替换(&R)...", lambda: window.find(replace=True), "Ctrl+H", None,
           "在整个文档中查找并替换文字")  # fmt: skip
    action(
        "check", "审核(&C)", window.run_checks, "F7",
        (None, _S.SP_DialogApplyButton), "审核整个文档并列出问题",
    )  # fmt: skip
    action("report", "导入/结转报告(&R)...", output.show_report, None, None)
    action("about", "关于(&A)...", window.show_about, None, None)

    # 指标库: the dock's own show/hide action, with a key and a toolbar button
    acts.library = window.library_dock.toggleViewAction()
    acts.library.setShortcut(QKeySequence("F8"))
    acts.library.setIconText("指标库")
    acts.library.setIcon(_icon(window, _T.EditFind, _S.SP_FileDialogContentsView))
    acts.library.setToolTip(tool_tip("指标库", acts.library))

    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addActions([acts.new, acts.open, acts.rollover, acts.import_, acts.import_layout])
    acts.recent_menu = file_menu.addMenu("最近文件(&R)")
    acts.recent_menu.aboutToShow.connect(lambda: files.fill_recent_menu(acts.recent_menu))
    file_menu.addSeparator()
    file_menu.addActions([acts.save, acts.save_as])
    file_menu.addSeparator()
    file_menu.addActions([acts.export_xlsx, acts.export_pdf, acts.export_docx, acts.template])
    file_menu.addSeparator()
    file_menu.addActions([acts.print_preview, acts.print_])
    file_menu.addSeparator()
    file_menu.addAction(acts.settings)
    file_menu.addSeparator()
    file_menu.addAction(acts.quit)

    edit_menu = bar.addMenu("编辑(&E)")
    edit_menu.addActions([acts.undo, acts.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([acts.cut, acts.copy, acts.paste])
    edit_menu.addSeparator()
    edit_menu.addActions([acts.find, acts.replace])

    project_menu = bar.addMenu("项目(&P)")
    project_menu.addActions([tree.add_action, tree.duplicate_action, tree.delete_action])
    project_menu.addAction(tree.rename_action)
    project_menu.addSeparator()
    project_menu.addActions([tree.move_up_action, tree.move_down_action])
    project_menu.addSeparator()
    project_menu.addAction(tree.review_action)
    project_menu.addSeparator()
    project_menu.addAction(acts.library)

    check_menu = bar.addMenu("审核(&C)")
    check_menu.addAction(acts.check)
    check_menu.addAction(window.problems_dock.toggleViewAction())

    help_menu = bar.addMenu("帮助(&H)")
    help_menu.addAction(acts.report)
    help_menu.addSeparator()
    help_menu.addAction(acts.about)

    toolbar = QToolBar("工具栏", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    for item in (
        acts.new, acts.open, acts.save, None, acts.undo, acts.redo, None,
        tree.add_action, tree.duplicate_action, tree.delete_action, None,
        acts.check, acts.library, None,
        acts.export_xlsx, acts.export_pdf, acts.export_docx, acts.print_,
    ):  # fmt: skip
        if item is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(item)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    acts.toolbar = toolbar
    return acts
