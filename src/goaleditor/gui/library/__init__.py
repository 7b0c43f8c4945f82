"""The 指标库 panel and what ties the library to the editor (service, completion, drops)."""
