"""The department pages (部门整体): the text, Guangzhou and Chengdu forms and their small tables."""
