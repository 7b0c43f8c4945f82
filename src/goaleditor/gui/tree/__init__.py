"""The document tree on the left: unit and year, 部门整体, the projects."""
