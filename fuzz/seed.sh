#!/usr/bin/env bash
# Fill the fuzz corpora from the repository's real plans and fixtures (run from anywhere).
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/{deadline,load_check,import_text,import_docx,import_xml,edit,export}
n=0
for f in "$root"/plans/*.toml "$root"/examples/*.toml "$root"/tests/fixtures/invalid/*.toml "$root"/tests/fixtures/edit/*/in.toml; do
  n=$((n + 1))
  cp "$f" "corpus/load_check/plan-$n.toml"
  cp "$f" "corpus/export/plan-$n.toml"
  { printf '\x2a'; cat "$f"; } > "corpus/edit/plan-$n.toml"
  { grep -h "^deadline = \|^postponed_to = " "$f" || true; } | sed 's/^[a-z_]* = "\(.*\)"$/\1/' | while IFS= read -r phrase; do
    printf '%s' "$phrase" > "corpus/deadline/$(printf '%s' "$phrase" | md5sum | cut -c1-12)"
  done
done
for f in "$root"/tests/fixtures/seeds/*.txt "$root"/tests/fixtures/import/*.txt "$root"/tests/fixtures/import/*.csv; do
  cp "$f" corpus/import_text/
done
cp "$root"/tests/fixtures/import/*.docx corpus/import_docx/
# the XML inside the Word documents, and the web pages among the fixtures
for f in "$root"/tests/fixtures/import/*.docx; do
  unzip -p "$f" word/document.xml > "corpus/import_xml/$(basename "$f" .docx).xml" 2>/dev/null || true
done
find "$root"/tests/fixtures/import -name '*.htm*' -exec cp {} corpus/import_xml/ \; 2>/dev/null || true
echo "corpora: $(ls corpus/deadline | wc -l) phrases, $(ls corpus/load_check | wc -l) plans, $(ls corpus/import_text | wc -l) texts, $(ls corpus/import_docx | wc -l) documents, $(ls corpus/import_xml | wc -l) XML and web pages"
