"""The command line speaks Chinese, also where argparse would speak English."""

from __future__ import annotations

import pytest

from goaleditor import __version__
from goaleditor.cli import main


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["rollover", "x.json"], "缺少参数：--year, -o/--output"),
        (["rollover", "x.json", "--year", "abc", "-o", "y.json"], "“abc”不是整数"),
        (["export"], "缺少参数：FILE"),
        (["check", "a.json", "b.json"], "无法识别的参数：b.json"),
        (["import", "a.docx", "-o"], "参数 -o/--output 后面需要一个值"),
    ],
)
def test_usage_errors_are_chinese_one_liners(argv, words, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "usage" not in err and "required" not in err


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：goaleditor export")
    assert "选项" in out and "导出的 PDF" in out and "options" not in out


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and capsys.readouterr().out.strip() == f"goaleditor {__version__}"


def test_export_without_a_target_says_what_to_give(tmp_path, capsys):
    assert main(["export", str(tmp_path / "x.json")]) == 2
    assert "--xlsx" in capsys.readouterr().err


def _no_editor(monkeypatch) -> list:
    """The editor's start, recorded instead of run."""
    from goaleditor.gui import app

    opened: list = []
    monkeypatch.setattr(app, "run", lambda path=None: opened.append(path) or 0)
    return opened


def test_a_misspelt_command_is_an_error_not_a_file(capsys, monkeypatch):
    opened = _no_editor(monkeypatch)
    assert main(["chek", "x.json"]) == 2
    err = capsys.readouterr().err
    assert "“chek”不是可用的命令" in err
    assert all(command in err for command in ("check", "export", "template", "rollover", "import"))
    assert main(["chek"]) == 2
    assert opened == []


def test_the_editor_opens_one_file(tmp_path, capsys, monkeypatch):
    opened = _no_editor(monkeypatch)
    assert main(["a.json", "b.json"]) == 2
    assert "一次只能打开一个文件" in capsys.readouterr().err
    assert opened == []
    assert main(["new.json"]) == 0  # a file to create: the editor opens on it
    plain = tmp_path / "README"  # an existing file without suffix is a file, not a command
    plain.write_text("x", encoding="utf-8")
    assert main([str(plain)]) == 0
    assert opened == ["new.json", str(plain)]


def test_check_help_gives_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "退出码" in out and "0 没有错误" in out and "1 发现错误" in out and "2 " in out
