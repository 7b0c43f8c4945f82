"""Start the editor: the Qt application in Chinese, a CJK font, the main window.

``goaleditor [FILE]`` (cli.main) calls `run`.  With ``GOALEDITOR_SMOKE_EXIT=1`` (the
frozen-bundle check) it shows the window with FILE, prints ``main window shown`` and
quits with exit code 0, asking nothing; with ``GOALEDITOR_SMOKE_EXIT=painted`` (the
start-up benchmark) it prints ``window painted`` as soon as the first paint of the
window with FILE is done, and quits without waiting for the checks.  Qt's own zh_CN translations make the
buttons of standard dialogs Chinese; the font is the one a Chinese Windows desktop
uses (微软雅黑), or any CJK font the system has, or the WenQuanYi Micro Hei shipped
in ``resources/fonts`` on a bare machine.
"""

from __future__ import annotations

# The Qt-free modules the window needs before its first paint come first: shiboken's
# import hook reads the source of every module imported after PySide6 (looking for
# ``from __feature__``), which costs a source install (not a frozen one) milliseconds
# at every start.  (tests/gui/test_gui_startup.py lists what the first paint loads.)
import base64  # noqa: F401  (the settings)
import getpass  # noqa: F401  (the lock files)
import os
import pickle  # noqa: F401  (the background runner)
import socket  # noqa: F401  (the lock files)
import sys
from pathlib import Path

from .. import amounts, filelock, money_unit, storage, undo_place  # noqa: F401
from ..applog import setup_logging
from ..errors import FileFormatError
from ..layouts import registry  # noqa: F401  (the document page's layout lists)
from ..resources import resource_path

# isort: split
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from .common import messages
from .common.safety_net import SafetyNet

#: Preferred UI fonts, best first: Windows, then common Linux/macOS CJK families.
UI_FONTS = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "微软雅黑",
    "SimSun",
    "宋体",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
)
BUNDLED_FONT = ("fonts", "wqy-microhei.ttc")
#: Set to 1 by packaging/check_frozen.sh: show the window, say so, quit; set to
#: ``painted`` by benchmarks/run.py: say when the first paint is done, quit.
SMOKE_EXIT_ENV = "GOALEDITOR_SMOKE_EXIT"
SMOKE_PAINTED = "painted"
#: The longest the smoke run waits for the window and its first checks.
SMOKE_TIMEOUT_MS = 60_000
SYSTEM_WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load qtbase_zh_CN so QMessageBox/QFileDialog buttons read 确定/取消/保存."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    installed = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    from .common.qt_chinese import ChineseTerms

    terms = ChineseTerms(app)  # installed last: asked first, answers only its few words
    app.installTranslator(terms)
    installed.append(terms)
    return installed


def choose_ui_font(app: QApplication) -> str:
    """Set the application font to a CJK family and return its name."""
    families = set(QFontDatabase.families())
    family = next((f for f in UI_FONTS if f in families), "")
    if not family:
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        family = chinese[0] if chinese else ""
    if not family:
        family = _load_font_file()
    if family:
        font = QFont(app.font())
        font.setFamily(family)
        font.setFamilies([family])
        if sys.platform == "win32":
            font.setPointSize(9)
        app.setFont(font)
    return family


def _load_font_file() -> str:
    for path in (resource_path(*BUNDLED_FONT), SYSTEM_WQY):
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if loaded:
                return loaded[0]
    return ""


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with name, icon, translations and font (reused if one exists)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("goaleditor")
    app.setApplicationDisplayName(messages.APP_TITLE)
    app.setOrganizationName("goaleditor")
    icon = resource_path("icons", "goaleditor.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    if not getattr(app, "_goaleditor_ready", False):
        install_translations(app)
        choose_ui_font(app)
        if sys.platform not in ("win32", "darwin") and app.style().name().lower() != "fusion":
            app.setStyle("Fusion")  # the look closest to Windows where there is no native style
        app._goaleditor_ready = True  # type: ignore[attr-defined]
    return app


def no_screen() -> str:
    """Why the window cannot open here, in Chinese ("" when it can): on Linux without a
    display Qt would abort with its own English message.  The command-line commands
    (check, export …) need no screen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return (
        "没有可用的显示器（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开编辑窗口。"
        "请在图形界面中运行；检查、导出等命令（goaleditor check|export …）不需要显示器。"
    )


def run(path: str | None = None) -> int:
    """Open the editor window (with *path* if given) and run until it is closed.

    The safety net goes up before the window is built: an error nobody caught is
    logged and told in Chinese, and the editor keeps running.
    """
    problem = no_screen()
    if problem:
        print(f"goaleditor：{problem}", file=sys.stderr)
        return 2
    app = create_application()
    smoke = os.environ.get(SMOKE_EXIT_ENV, "") not in ("", "0")
    net = SafetyNet(interactive=not smoke, parent=app).install()
    from .main_window import MainWindow

    window = MainWindow()
    # the log file once the first paint is over: nothing before it logs, and a program
    # fault sets the log up itself (applog.program_fault)
    window.firstPainted.connect(lambda: QTimer.singleShot(0, setup_logging))
    window.show()
    if smoke:
        return _smoke_run(app, window, path, net)
    window.start(path)
    return app.exec()


def _smoke_run(app: QApplication, window, path: str | None, net: SafetyNet) -> int:
    """Open *path* without any dialog, wait for the shown window and its first checks, quit.

    Exit code 0 and ``main window shown`` on stdout when all went well; 1 and the reason
    on stderr when the file cannot be opened, the window never got there or an error
    escaped a slot on the way (the safety net logged it).  In the ``painted`` mode,
    ``window painted`` once the window's first paint is done, and exit code 0.
    """
    if path:
        try:
            doc = storage.load(path)  # fails here, in words, rather than in a message box
        except (FileFormatError, OSError) as err:
            _say(sys.stderr, f"goaleditor：无法打开“{path}”：{err}")
            return 1
        window.files.opened(doc, Path(path))
    if os.environ.get(SMOKE_EXIT_ENV) == SMOKE_PAINTED:

        def painted() -> None:
            _say(sys.stdout, "window painted")
            window.ctx.undo_stack.setClean()
            window.close()
            app.exit(1 if net.errors else 0)

        window.firstPainted.connect(painted)
        return app.exec()
    waited = QTimer(window)
    waited.setSingleShot(True)
    waited.start(SMOKE_TIMEOUT_MS)
    poll = QTimer(window)

    def check() -> None:
        if net.errors:
            poll.stop()
            _say(sys.stderr, f"goaleditor：启动时发生意外错误，详情见 {net.log_path}")
            window.ctx.undo_stack.setClean()
            window.close()
            app.exit(1)
        elif window.isVisible() and not window.problems.pending():
            poll.stop()
            _say(sys.stdout, "main window shown")
            window.ctx.undo_stack.setClean()
            window.close()
            app.exit(0)
        elif not waited.isActive():
            poll.stop()
            _say(sys.stderr, "goaleditor：主窗口没有在限定时间内显示。")
            app.exit(1)

    poll.timeout.connect(check)
    poll.start(10)
    return app.exec()


def _say(stream, text: str) -> None:
    if stream is not None:  # a windowed program on Windows has no console
        print(text, file=stream, flush=True)
