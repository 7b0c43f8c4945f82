#!/usr/bin/env bash
# Render every sample document through the three writers and rasterise the pages, so the
# printed forms can be looked at as a clerk would see them.
#
#   scripts/render_samples.sh [OUTPUT_DIR] [DPI]
#
# For each resources/samples/NAME.json:
#   OUTPUT_DIR/NAME.pdf              goaleditor export --pdf (reportlab)
#   OUTPUT_DIR/NAME.xlsx             goaleditor export --xlsx
#   OUTPUT_DIR/xlsx-pdf/NAME.pdf     the workbook printed by LibreOffice
#   OUTPUT_DIR/png/NAME-pdf-N.png    pages of the reportlab PDF
#   OUTPUT_DIR/png/NAME-xlsx-N.png   pages of the LibreOffice PDF
#   OUTPUT_DIR/NAME.docx             goaleditor export --docx
#   OUTPUT_DIR/png/NAME-docx-N.png   pages of the Word file printed by LibreOffice
# plus the blank template (template.xlsx and its pages).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/build/render}"
dpi="${2:-60}"
mkdir -p "$out/png"

if ! command -v pdftoppm >/dev/null; then
    echo "缺少 pdftoppm：请安装 poppler-utils（apt-get install poppler-utils）。" >&2
    exit 1
fi
soffice_bin="$(command -v soffice || command -v libreoffice || true)"
if [ -z "$soffice_bin" ]; then
    echo "警告：没有找到 LibreOffice（soffice），跳过 Excel → PDF 的渲染。" >&2
    echo "      安装：apt-get install -y libreoffice-calc-nogui" >&2
fi

render_office() {  # $1 = workbook or Word file, $2 = page name prefix, $3 = xlsx or docx
    [ -n "$soffice_bin" ] || return 0
    mkdir -p "$out/$3-pdf"
    # A private profile, so a running LibreOffice does not swallow the conversion.
    "$soffice_bin" --headless "-env:UserInstallation=file://$out/.lo-profile" \
        --convert-to pdf --outdir "$out/$3-pdf" "$1" >/dev/null 2>&1
    local pdf="$out/$3-pdf/$(basename "${1%.*}").pdf"
    if [ ! -f "$pdf" ]; then
        echo "LibreOffice 未能转换 $1" >&2
        return 1
    fi
    pdftoppm -png -r "$dpi" "$pdf" "$out/png/$2-$3"
}

for sample in "$here"/resources/samples/*.json; do
    name="$(basename "${sample%.json}")"
    echo "== $name"
    if goaleditor export "$sample" --pdf "$out/$name.pdf"; then
        pdftoppm -png -r "$dpi" "$out/$name.pdf" "$out/png/$name-pdf"
    else
        echo "PDF 导出失败：$name" >&2
    fi
    goaleditor export "$sample" --xlsx "$out/$name.xlsx"
    render_office "$out/$name.xlsx" "$name" xlsx
    goaleditor export "$sample" --docx "$out/$name.docx"
    render_office "$out/$name.docx" "$name" docx
done

echo "== template"
goaleditor template --xlsx "$out/template.xlsx"
render_office "$out/template.xlsx" template xlsx

echo "页面图片在 $out/png/"
