"""Ask LibreOffice Calc what a workbook needs: run with a Python that has LibreOffice's
``uno`` module (Debian's python3-uno), not the test environment's.

    python3 tests/lo_calc.py OUT.json BOOK.xlsx [BOOK.xlsx …]

For each workbook it prints, with LibreOffice's default fonts (no 宋体 on the machine: its
substitute prints), every visible sheet's rows whose text needs more height than the
workbook gives them (LibreOffice's optimal row height against the row's height), and
saves the workbook as PDF beside it (``BOOK.xlsx.pdf``) from the same loaded document.
Writes {path: [[sheet, row, height_pt, needed_pt], …]} to OUT.json.
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

HUNDREDTH_MM_TO_PT = 72 / 2540


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(profile):
    pipe = f"goaleditor_tests_{os.getpid()}"
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def short_rows(doc):
    found = []
    for sheet in doc.Sheets:
        if not sheet.IsVisible:
            continue
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        for index in range(cursor.RangeAddress.EndRow + 1):
            row = sheet.Rows.getByIndex(index)
            height = row.Height
            row.OptimalHeight = True
            needed = row.Height
            row.Height = height
            if needed > height:
                found.append(
                    [
                        sheet.Name,
                        index + 1,
                        height * HUNDREDTH_MM_TO_PT,
                        needed * HUNDREDTH_MM_TO_PT,
                    ]
                )
    return found


def main():
    out, books = sys.argv[1], sys.argv[2:]
    result = {}
    with tempfile.TemporaryDirectory() as profile:
        proc, desktop = connect(profile)
        try:
            for book in books:
                url = uno.systemPathToFileUrl(os.path.abspath(book))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                pdf = uno.systemPathToFileUrl(os.path.abspath(book) + ".pdf")
                doc.storeToURL(pdf, (prop("FilterName", "calc_pdf_Export"),))
                result[book] = short_rows(doc)
                doc.close(True)
        finally:
            with contextlib.suppress(Exception):
                desktop.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)


main()
