"""Frozen entry point of goaleditor.exe (windowed): the editor, or a command."""

import sys

from goaleditor.cli import main

sys.exit(main())
