"""The plan's year: the consolidated workbooks of its periods read back (:mod:`~spbe_excel.year.model`), put
in order with every period of the year, present or missing (:mod:`~spbe_excel.year.assemble`), and the figures
of the year worked out once (:mod:`~spbe_excel.year.figures`, :mod:`~spbe_excel.year.page`): the year workbook
caches them, the leaders' page prints them.  Pure, without a language, like ``merge`` and ``figures``."""
