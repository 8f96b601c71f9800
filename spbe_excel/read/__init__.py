"""Reading submissions: bytes before parsers (``sniff``), one submission
(``reader``), many in isolated workers (``batch``), and an earlier
consolidated workbook (``previous``)."""
