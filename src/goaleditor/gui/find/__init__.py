"""查找/替换 over the whole document (the search itself is `goaleditor.search`)."""
