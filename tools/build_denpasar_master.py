"""Rebuild ``spbe_excel/data/denpasar_2019/indikator.csv`` from its source.

The source is the text extracted from the PDF of the 2019 plan of Kota
Denpasar (``sumber.txt``, kept unaltered).  This script

1. joins rows that wrap onto continuation lines (a line whose first field is
   empty continues the row above, column by column);
2. applies every correction in ``koreksi.csv`` (OCR errors and typos), each of
   which must match the text it corrects;
3. maps the OPD names to registry codes (``opd.csv``);
4. adds the framework of PermenPANRB 5/2018, as its data file gives it
   (``spbe_excel/data/frameworks/2018/indikator.csv``): domain, aspect,
   weight and level kind; and the target level.

``tests/test_master_data.py`` runs :func:`build_rows` and fails when the
committed CSV differs, so the data, its source and its corrections can not
drift apart.  Run ``python tools/build_denpasar_master.py`` after editing
the corrections.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "spbe_excel" / "data" / "denpasar_2019"
sys.path.insert(0, str(ROOT))

from spbe_excel.master import default_target_level, embedded_registry  # noqa: E402
from spbe_excel.master.framework import get_framework  # noqa: E402
from spbe_excel.model.columns import MASTER_FILE_COLUMNS  # noqa: E402
from spbe_excel.model.levels import LEVEL_KIND_NAMES  # noqa: E402

COLUMNS = tuple(c for c in MASTER_FILE_COLUMNS if c.key != "action")  # one action per indicator: no Aksi column

SOURCE_COLUMNS = ["No", "Indikator", "Rekomendasi", "Nilai Tingkat Kematangan", "Tindak Lanjut",
                  "Target Waktu", "OPD Terkait"]

def parse_source(text: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        fields = line.split("\t")
        if not line.strip() or len(fields) < 2:
            continue
        if fields[0].strip().isdigit():
            rows.append({name: (fields[i].strip() if i < len(fields) else "")
                         for i, name in enumerate(SOURCE_COLUMNS)})
        elif not fields[0].strip() and rows:
            for i, part in enumerate(fields[: len(SOURCE_COLUMNS)]):
                part = part.strip()
                if part:
                    name = SOURCE_COLUMNS[i]
                    rows[-1][name] = f"{rows[-1][name]} {part}".strip()
    return rows


def apply_corrections(rows: list[dict[str, str]], corrections: list[dict[str, str]]) -> None:
    by_no = {int(r["No"]): r for r in rows}
    for c in corrections:
        row = by_no[int(c["No"])]
        if c["Tertulis"] not in row[c["Kolom"]]:
            raise SystemExit(f"correction not found in row {c['No']} {c['Kolom']}: {c['Tertulis']!r}")
        row[c["Kolom"]] = row[c["Kolom"]].replace(c["Tertulis"], c["Koreksi"])


def build_rows() -> list[dict[str, str]]:
    rows = parse_source((DATA / "sumber.txt").read_text(encoding="utf-8"))
    if [int(r["No"]) for r in rows] != list(range(1, 38)):
        raise SystemExit("the source must hold rows 1..37")
    with open(DATA / "koreksi.csv", encoding="utf-8", newline="") as fh:
        apply_corrections(rows, list(csv.DictReader(fh)))
    registry = embedded_registry()
    framework = get_framework("2018")
    out = []
    for r in rows:
        no = int(r["No"])
        row = framework.row(no)
        if row is None:
            raise SystemExit(f"row {no}: not a row of {framework.name}")
        domain, aspect, weight, kind = row.domain, row.aspect, row.weight_text, row.level_kind
        opds, unknown = registry.split(r["OPD Terkait"])
        if unknown:
            raise SystemExit(f"row {no}: unknown OPD {unknown}")
        baseline = int(r["Nilai Tingkat Kematangan"])
        values = {
            "no": str(no), "indicator": r["Indikator"], "recommendation": r["Rekomendasi"],
            "baseline_level": str(baseline),
            "target_level": str(default_target_level(kind, baseline, r["Rekomendasi"])),
            "follow_up": r["Tindak Lanjut"], "target_year": r["Target Waktu"],
            "opds": "; ".join(o.code for o in opds), "domain": domain, "aspect": aspect, "weight": weight,
            "level_kind": LEVEL_KIND_NAMES[kind][0],
        }
        out.append({c.label_id: values[c.key] for c in COLUMNS})
    return out


def render_csv(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[c.label_id for c in COLUMNS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


if __name__ == "__main__":
    (DATA / "indikator.csv").write_text(render_csv(build_rows()), encoding="utf-8")
    print(f"written {DATA / 'indikator.csv'}")
