"""The intake page: OPDs upload their sheet through a secret link and see
its findings at once; DKIS watches the round fill up and downloads the
consolidated workbook.

Built on :mod:`spbe_excel.pipeline`: an upload is read and checked exactly
as ``validate`` reads a file (in an isolated worker), its feedback workbook
is ``feedback``'s and the consolidated workbook is ``consolidate``'s over
the counted uploads.

- :mod:`.store`: the database (SQLite or PostgreSQL through SQLAlchemy 2):
  rounds, OPD links, uploads, sessions, the audit log.
- :mod:`.blobs`: every upload kept as received, addressed by its SHA-256.
- :mod:`.intake`: reading an upload, the counted files, the consolidated
  workbook and the zip of uploads.
- :mod:`.security`: tokens, the rate limit, the response headers.
- :mod:`.app`: the pages and the JSON API (Starlette): :mod:`.upload` an
  OPD's, :mod:`.admin` DKIS's, :mod:`.review` DKIS's page of one OPD.
- :mod:`.verdict`, :mod:`.wording`, :mod:`.zones`: what a verdict says,
  dates and times as the pages write them, the store's time zone.
- :mod:`.setup`: ``portal init`` (a new store, or a new round in one).

Needs the ``portal`` extra: ``pip install 'spbe-excel[portal]'``.
"""
