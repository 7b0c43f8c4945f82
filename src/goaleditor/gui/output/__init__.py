"""导出 Excel / PDF, 打印 and 打印预览."""
