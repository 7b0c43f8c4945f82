"""The app's own error types: each carries a Chinese message for the clerk."""

from __future__ import annotations


class GoalEditorError(Exception):
    """Base of every error the clerk may see; ``str(err)`` is the Chinese message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FileFormatError(GoalEditorError):
    """A file could not be read as a goaleditor document (damaged, foreign, newer, wrong types).

    ``path`` names the field where the problem is (``projects[2].indicators[0].value``),
    or is empty when the whole file is unreadable.
    """

    def __init__(self, message: str, path: str = ""):
        super().__init__(message)
        self.path = path


class WriteError(GoalEditorError):
    """A file could not be written (locked by Excel/WPS, read-only, disk full …).

    Whatever was there before is left untouched.
    """


class ImportProblem(GoalEditorError):
    """A foreign file (Word, Excel) could not be imported at all."""
