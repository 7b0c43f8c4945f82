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
