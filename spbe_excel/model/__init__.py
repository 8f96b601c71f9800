"""The vocabulary every other part shares: the column model, cell values as
people type them, findings, and what reading a submission yields.  Imports
nothing of spbe-excel but :mod:`spbe_excel.text` and :mod:`spbe_excel.errors`."""
