"""A page split in two: a scrolling form on top, a table below that gets the room.

On a 1366×768 screen at 150 % an editor page is under 300 pixels tall: a fixed split
leaves the table one row.  The form is given what it needs to show every field, but
never more than *share* of the page (it scrolls beyond that); the table gets the rest.
A split the clerk drags holds (up to three quarters of the page) until the page is
too small for it.

With a *table* (an `IndicatorTable`), the table keeps room for its
``view.rows_shown`` rows whenever the clerk is not in the form — also after a
remembered window size or splitter state: the form shrinks, down to nothing, and a
button at the start of the table's toolbar opens it again.  While the clerk is in the
form it may take up to three quarters of the page, and the table keeps *rows_in_form*
rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QScrollArea, QSplitter, QToolButton, QWidget

from .bound_widgets import BoundTextEdit


class TopPaneFitter(QObject):
    """Keeps ``splitter.sizes()[0]`` at what the scroll area's form needs, within *share*."""

    #: The form was folded away (True) or opened again (False).
    foldedChanged = Signal(bool)

    #: The most of the page the clerk's drag may give the form.
    MOST = 0.75

    def __init__(
        self,
        splitter: QSplitter,
        scroll: QScrollArea,
        share: float,
        table=None,
        rows_in_form: int = 3,
        unfold_text: str = "▸ 表头",
        unfold_tip: str = "",
    ):
        super().__init__(splitter)
        self.splitter, self.scroll, self.share = splitter, scroll, share
        self.table, self.rows_in_form = table, rows_in_form
        #: The form's height the clerk chose by dragging the splitter (None: automatic).
        self.chosen: int | None = None
        self._pending = False
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)
        self._watched = None
        self.unfold: QToolButton | None = None
        self.unfold_action = None
        if table is not None:
            splitter.setCollapsible(0, True)  # a small screen folds the form away
            self.unfold = QToolButton(table)
            self.unfold.setObjectName("unfoldForm")
            self.unfold.setText(unfold_text)
            self.unfold.setToolTip(
                unfold_tip or "屏幕较小，为显示更多表格行，上方的内容暂时收起；点此展开"
            )
            self.unfold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.unfold.clicked.connect(self.open_form)
            toolbar = table.toolbar
            self.unfold_action = toolbar.insertWidget(toolbar.actions()[0], self.unfold)
            self.unfold_action.setVisible(False)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.focusChanged.connect(self._focus_changed)
        self.watch(scroll.widget())

    def watch(self, form) -> None:
        """Follow *form* (the scroll area's widget, after it was replaced)."""
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = form
        if form is not None:
            form.installEventFilter(self)
        self.schedule()

    def needed(self) -> int:
        """What the form needs to show every field without scrolling."""
        form = self.scroll.widget()
        if form is None:
            return 0
        if form.layout() is not None:
            form.layout().activate()
        return form.sizeHint().height() + 2 * self.scroll.frameWidth()

    def in_form(self) -> bool:
        """Whether the clerk is in the form (the keyboard focus is in one of its fields)."""
        focus = QApplication.focusWidget()
        return focus is not None and self.scroll.isAncestorOf(focus)

    def table_needs(self) -> int:
        """The height the table part keeps: its rows (fewer while the clerk is in the form),
        with whatever holds the table around it."""
        if self.table is None:
            return 0
        rows = self.table.view.rows_shown
        if self.in_form():
            rows = min(rows, self.rows_in_form)
        holder = self.splitter.widget(1)
        extra = 0
        if holder is not self.table and holder.layout() is not None:
            margins = holder.layout().contentsMargins()
            extra = margins.top() + margins.bottom()
        return self.table.height_for_rows(rows) + extra

    def fit(self) -> None:
        self._pending = False
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) < 2 or self.splitter.widget(1).isHidden():
            self.set_folded(False)
            return
        cap = int(total * self.share)
        if self.chosen is not None:
            cap = min(self.chosen, int(total * self.MOST))
        elif self.table is not None and self.in_form():
            cap = int(total * self.MOST)  # the clerk works in the form: it gets the room
        smallest = self.scroll.minimumSizeHint().height()
        if self.table is None:
            top = max(min(self.needed(), cap), smallest)
        else:
            top = max(min(self.needed(), cap, total - self.table_needs()), 0)
            if top < smallest:
                top = 0  # a sliver of the form helps nobody: fold it, the button opens it
        self.set_folded(top == 0)
        if sizes[0] != top:
            self.splitter.setSizes([top, total - top])
        self._limit_boxes(top)

    def _limit_boxes(self, top: int) -> None:
        """No paragraph box taller than the form's part of the page shows: it scrolls its
        own text rather than hide behind the form's scrollbar."""
        form = self.scroll.widget()
        if form is None or top <= 0:
            return
        margins = form.layout().contentsMargins() if form.layout() is not None else None
        room = top - 2 * self.scroll.frameWidth()
        if margins is not None:
            room -= margins.top() + margins.bottom()
        for box in form.findChildren(BoundTextEdit):
            box.set_height_room(room)

    def folded(self) -> bool:
        return self.unfold_action is not None and self.unfold_action.isVisible()

    def set_folded(self, folded: bool) -> None:
        if self.unfold_action is None or folded == self.folded():
            return
        self.unfold_action.setVisible(folded)
        self.foldedChanged.emit(folded)

    def open_form(self, first: QWidget | None = None) -> None:
        """Unfold the form and put the cursor in *first* (or its first field)."""
        target = first or self.scroll.widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.in_form():
                target.nextInFocusChain().setFocus(Qt.FocusReason.TabFocusReason)
        self.fit()

    def schedule(self) -> None:
        """Fit once the layout has settled (boxes grow and shrink as typed in)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.fit)

    def _moved(self, pos: int, _index: int) -> None:
        self.chosen = pos

    def _focus_changed(self, old, new) -> None:
        page = self.splitter
        if any(w is not None and page.isAncestorOf(w) for w in (old, new)):
            self.schedule()
        if new is not None and self.scroll.isAncestorOf(new):
            # once the form has opened, the field the cursor went to is in sight
            QTimer.singleShot(0, self, lambda: self._show_field(new))

    def _show_field(self, field: QWidget) -> None:
        if QApplication.focusWidget() is field:
            # the box grew as the cursor went in: lay the form out first
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            form = self.scroll.widget()
            if form is None or not form.isAncestorOf(field):
                return
            # the whole box, not just its cursor line (what ensureWidgetVisible shows)
            top = field.mapTo(form, QPoint(0, 0)).y() - 4
            bottom = top + field.height() + 8
            bar, seen = self.scroll.verticalScrollBar(), self.scroll.viewport().height()
            if bottom > bar.value() + seen:
                bar.setValue(min(top, bottom - seen))
            elif top < bar.value():
                bar.setValue(top)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        resized = watched is self.splitter and kind in (QEvent.Type.Resize, QEvent.Type.Show)
        if resized or (watched is self._watched and kind == QEvent.Type.LayoutRequest):
            self.schedule()
        return False
