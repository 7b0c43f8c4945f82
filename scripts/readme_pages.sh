#!/usr/bin/env bash
# The pictures in the README: page 1 of every sample as each writer prints it (the PDF,
# the Excel workbook and the Word file printed by LibreOffice with its default fonts), side
# by side, and page 1 of the blank template.
#
#   scripts/readme_pages.sh            # writes docs/pages/NAME.png
#
# Needs what scripts/render_samples.sh needs, plus ImageMagick's `montage`.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash "$here/scripts/render_samples.sh" "$work" 50 >/dev/null
mkdir -p "$here/docs/pages"
first() {  # page 1 of a rendering: pdftoppm pads the number when there are 10 pages or more
    ls "$work/png/$1-"*.png | sort | head -n 1
}
font="$(fc-match -f %{file} "DejaVu Sans")"
for sample in "$here"/resources/samples/*.json; do
    name="$(basename "${sample%.json}")"
    montage -label 'PDF' "$(first "$name-pdf")" \
            -label 'Excel (LibreOffice)' "$(first "$name-xlsx")" \
            -label 'Word (LibreOffice)' "$(first "$name-docx")" \
            -tile 3x1 -geometry +6+6 -pointsize 14 -font "$font" "$here/docs/pages/$name.png"
done
cp "$(first template-xlsx)" "$here/docs/pages/template.png"
echo "docs/pages/ 已更新"
