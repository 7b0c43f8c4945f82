"""Font discovery for the PDF: settings font, then Windows 宋体/黑体, then system, then shipped."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFError

from goaleditor.errors import WriteError
from goaleditor.export import fonts
from goaleditor.export.fonts import FontFile, FontUnavailableError, find_fonts

SHIPPED = fonts.shipped_font()
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _link(folder: Path, name: str, target: Path = SHIPPED) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.symlink_to(target)
    return path


def _fake_cff(folder: Path, name: str, collection: bool) -> Path:
    """A file with an OpenType/CFF header, as Noto Sans CJK and Source Han have."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    body = b"OTTO" + b"\0" * 60
    if collection:
        body = b"ttcf" + struct.pack(">III", 0x00010000, 1, 16) + body
    path.write_bytes(body)
    return path


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """No Windows folder, an empty system folder, the real shipped font."""
    windows = tmp_path / "Windows" / "Fonts"
    system = tmp_path / "system"
    system.mkdir()
    monkeypatch.setattr(fonts, "windows_font_dir", lambda: windows)
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [system])
    return windows, system


def test_shipped_font_is_a_usable_truetype_collection():
    assert SHIPPED.is_file()
    assert SHIPPED.stat().st_size < 8_000_000
    assert (SHIPPED.parent / "COPYRIGHT-wqy-microhei.txt").is_file()
    assert fonts.outline_problem(FontFile(SHIPPED)) is None
    assert fonts.register(FontFile(SHIPPED)).startswith("GE-")


def test_cff_fonts_are_recognised_and_refused(tmp_path):
    otf = _fake_cff(tmp_path, "NotoSansCJKsc-Regular.otf", collection=False)
    ttc = _fake_cff(tmp_path, "NotoSansCJK-Regular.ttc", collection=True)
    assert "CFF" in fonts.outline_problem(FontFile(otf))
    assert "CFF" in fonts.outline_problem(FontFile(ttc))
    assert fonts.outline_problem(FontFile(ttc, 3)) == "字体集中没有所需的字体"
    with pytest.raises(TTFError):
        fonts.register(FontFile(ttc))


def test_font_without_chinese_glyphs_is_refused():
    if not DEJAVU.is_file():
        pytest.skip("DejaVu Sans not installed")
    with pytest.raises(TTFError, match="中文"):
        fonts.register(FontFile(DEJAVU))


def test_windows_simsun_and_simhei_come_before_other_fonts(folders):
    windows, system = folders
    simsun = _link(windows, "simsun.ttc")
    simhei = _link(windows, "simhei.ttf")
    _link(system, "wqy-zenhei.ttc")
    found = find_fonts()
    assert found.body_file.path == simsun
    assert found.title_file.path == simhei
    assert found.notes == ()


def test_font_chosen_in_settings_comes_first(folders, tmp_path):
    windows, _system = folders
    _link(windows, "simsun.ttc")
    _link(windows, "simhei.ttf")
    chosen = _link(tmp_path / "mine", "my-font.ttc")
    found = find_fonts(chosen)
    assert found.body_file.path == chosen
    assert found.title_file.path == chosen


def test_unusable_chosen_font_falls_back_with_a_note(folders, tmp_path):
    windows, _system = folders
    simsun = _link(windows, "simsun.ttc")
    cff = _fake_cff(tmp_path, "SourceHanSerif.otf", collection=False)
    found = find_fonts(cff)
    assert found.body_file.path == simsun
    assert len(found.notes) == 1
    assert "SourceHanSerif.otf" in found.notes[0]
    assert "CFF" in found.notes[0]
    missing = find_fonts(tmp_path / "gone.ttf")
    assert "文件不存在" in missing.notes[0]


def test_system_cjk_truetype_font_skips_cff_and_latin_fonts(folders):
    _windows, system = folders
    _fake_cff(system / "opentype" / "noto", "NotoSansCJK-Regular.ttc", collection=True)
    _fake_cff(system, "simsun.ttc", collection=True)  # a CFF file under a good name
    if DEJAVU.is_file():
        _link(system, "DejaVuSans.ttf", DEJAVU)
    wqy = _link(system / "truetype" / "wqy", "wqy-zenhei.ttc")
    found = find_fonts()
    assert found.body_file.path == wqy
    assert found.title_file.path == wqy


def test_system_font_found_by_name_hint(folders):
    _windows, system = folders
    other = _link(system, "SomeFallbackSC.ttf")
    assert find_fonts().body_file.path == other


def test_shipped_font_is_the_last_resort(folders):
    found = find_fonts()
    assert found.body_file.path == SHIPPED
    assert found.title_file.path == SHIPPED


def test_no_font_anywhere_gives_a_chinese_write_error(folders, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "shipped_font", lambda: tmp_path / "missing.ttc")
    with pytest.raises(FontUnavailableError) as info:
        find_fonts()
    assert isinstance(info.value, WriteError)
    assert "中文字体" in str(info.value)
    assert "设置" in str(info.value)
