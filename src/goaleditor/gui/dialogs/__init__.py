"""The window's dialogs: 以上年文件新建, 导入, their reports, and 设置."""
