"""The indicator library (指标库): built-in indicators and the clerk's own history,
searched by Chinese text and pinyin.  Qt-free; the GUI panel sits on top of it.

- `entries`: `LibraryEntry`, entries from a document, de-duplication;
- `builtin`: the samples' indicators and the common project classes;
- `history`: the history file in the user data folder;
- `search`: `LibraryIndex` (matching, ranking, grouping, last year's value);
- `sharing`: export to and import from Excel;
- `commands`: ``goaleditor library …``.
"""
