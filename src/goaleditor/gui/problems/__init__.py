"""The problems panel (审核结果) below the editor."""
