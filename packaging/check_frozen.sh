#!/usr/bin/env bash
# Build the PyInstaller spec as a one-folder bundle (on Linux in CI, on Windows for release)
# and run the frozen programs: export a sample to Excel, PDF and Word, open the window offscreen.
# Keeps the spec from rotting: a module the spec misses fails here, not on a clerk's PC.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/frozen}
work="$out/work"
dist="$out/dist"
pip install -q "pyinstaller>=6.10"
pyinstaller --noconfirm --log-level WARN --distpath "$dist" --workpath "$work" packaging/goaleditor.spec
app="$dist/goaleditor"
check="$out/check"
rm -rf "$check"; mkdir -p "$check/中文 路径"
sample="resources/samples/hebei_2020.json"
"$app/goaleditor-cli" --version
"$app/goaleditor-cli" export "$sample" --xlsx "$check/中文 路径/样例.xlsx" --pdf "$check/中文 路径/样例.pdf" \
  --docx "$check/中文 路径/样例.docx"
test -s "$check/中文 路径/样例.xlsx" && test -s "$check/中文 路径/样例.pdf" && test -s "$check/中文 路径/样例.docx"
set +e
"$app/goaleditor-cli" check "$sample"; code=$?
set -e
[ "$code" -le 1 ] || { echo "frozen check failed with exit $code"; exit 1; }
# the 指标库: pypinyin's dictionaries and resources/library come along
GOALEDITOR_DATA_DIR="$check/data" GOALEDITOR_CONFIG_DIR="$check/config" \
  "$app/goaleditor-cli" library search fwdxmyd > "$check/library.txt"
grep -q 服务对象满意度 "$check/library.txt" || { echo "frozen library search failed"; exit 1; }
QT_QPA_PLATFORM=offscreen GOALEDITOR_SMOKE_EXIT=1 GOALEDITOR_DATA_DIR="$check/data" \
  GOALEDITOR_CONFIG_DIR="$check/config" timeout 120 "$app/goaleditor" "$sample" > "$check/gui.log" 2>&1 || true
grep -q "main window shown" "$check/gui.log" || { cat "$check/gui.log"; exit 1; }
echo "frozen bundle OK: $(du -sh "$app" | cut -f1) in $app"
