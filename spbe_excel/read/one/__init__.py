"""Reading one submission: the workbook (``reader``, with the ``second`` reader when python-calamine cannot),
its header (``header``), which action each row reports (``match``), and where the file comes from: its OPD and
period (``origin``).  Reading finds what a file holds and what cannot be read; the checks of
:mod:`spbe_excel.checks` say what is wrong with it."""
