"""Pieces every page of the window shares: the editing context, undo commands, bound input widgets, message boxes, settings, screen fitting and the safety net."""
