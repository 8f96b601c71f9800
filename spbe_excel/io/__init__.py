"""Writing files safely: atomic output, text that stays text, the fast
xlsxwriter path and the sheet helpers every writer shares."""
