"""Frozen entry point of goaleditor-cli.exe (console): the commands, with output in the console."""

import sys

from goaleditor.cli import main

sys.exit(main())
