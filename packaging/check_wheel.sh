#!/usr/bin/env bash
# Build the wheel and run it from outside the source tree: the README's first command
# (`pip install .`) must give a working app with its resources (catalog, fonts, samples).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/wheel}
rm -rf "$out"; mkdir -p "$out"
python -m pip wheel -q --no-deps -w "$out" .
python -m pip install -q --no-deps --target "$out/site" "$out"/goaleditor-*.whl
sample="$(pwd)/resources/samples/tianjin_2023.json"
cd "$out"
export PYTHONPATH="$(pwd)/site"
python - <<'PY'
import goaleditor.resources as r
root = r.resource_root()
assert "site" in root.parts and (root / "catalog.json").is_file(), root
assert (root / "fonts" / "wqy-microhei.ttc").is_file() and list((root / "samples").glob("*.json"))
print("wheel resources:", root)
PY
python -m goaleditor check "$sample" > check.log || [ $? -eq 1 ]
python -m goaleditor export "$sample" --xlsx out.xlsx --pdf out.pdf --docx out.docx
QT_QPA_PLATFORM=offscreen GOALEDITOR_SMOKE_EXIT=1 GOALEDITOR_DATA_DIR="$(pwd)/data" \
  GOALEDITOR_CONFIG_DIR="$(pwd)/config" timeout 120 python -m goaleditor "$sample" > gui.log 2>&1 || true
grep -q "main window shown" gui.log || { cat gui.log; exit 1; }
echo "wheel OK"
