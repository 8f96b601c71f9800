"""The approach a user would write by hand: read every file with
pandas.read_excel (openpyxl), concatenate, and (unless the output is "-")
save.  No validation, no formatting.  Used by benchmarks/run.py as the
baseline, with and without the save."""

import sys
from pathlib import Path

import pandas as pd

folder, out = Path(sys.argv[1]), Path(sys.argv[2])
frames = []
for path in sorted(folder.glob("*.xlsx")):
    frame = pd.read_excel(path, sheet_name="Monev", header=4, engine="openpyxl")
    frame["Berkas"] = path.name
    frames.append(frame)
merged = pd.concat(frames, ignore_index=True)
if str(out) != "-":
    merged.to_excel(out, index=False)
