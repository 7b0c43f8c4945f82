"""The indicator table (绩效指标) the project and department pages share: model, cell editors, rows, order, clipboard and the marks of 审核."""
