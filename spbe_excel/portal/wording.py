"""Dates, times and sizes as the pages write them: month names as the workbooks write dates ("10 Oktober
2019", never "10-10-2019", which an English reader takes for the 10th of October or the 1st of October
alike), and an upload's time in the store's zone, named ("7 Desember 2026, 09.49.13 WITA")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spbe_excel.portal.zones import tz
from spbe_excel.text import t
from spbe_excel.text.verify import changed_words
from spbe_excel.text.words import date_words, decimal_text, status_label, verdict_label

OVERDUE_DAYS_SHOWN = 30  # beyond a month late, a deadline shows as "passed", not as a count of days


def clock(at: dt.datetime, lang: str, zone: str, seconds: bool = True) -> str:
    """``at`` in ``zone``: its date with the month's name, the time of day and the zone's name."""
    local = at.astimezone(tz(zone))
    text = t("portal.clock.seconds" if seconds else "portal.clock", lang, date=date_words(local.date(), lang),
             hour=local.hour, minute=local.minute, second=local.second)
    return f"{text} {zone}"


def today(zone: str) -> dt.date:
    """The date now in ``zone`` (the server's own clock may run in another zone, or in UTC)."""
    return dt.datetime.now(tz(zone)).date()


def size_text(size: int, lang: str) -> str:
    """A file size: 15,6 KB / 15.6 KB (1 KB = 1024 bytes, as file managers count)."""
    if size < 1024:
        return t("portal.bytes", lang, n=size)
    value = float(size)
    for unit in ("KB", "MB"):
        value /= 1024
        if value < 1024:
            return f"{decimal_text(value, lang, 1)} {unit}"
    return f"{decimal_text(value / 1024, lang, 1)} GB"


def helpers(lang: str, zone: str) -> dict[str, object]:
    """What the templates call to write a time (``when``), a date (``day``) and a size (``size``), and how late
    a deadline may be to show its days (``overdue_days``)."""

    def when(value: dt.datetime | str | None, seconds: bool = True) -> str:
        if not value:
            return "-"
        at = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        if at.tzinfo is None:  # stored as UTC
            at = at.replace(tzinfo=dt.timezone.utc)
        return clock(at, lang, zone, seconds)

    def day(value: dt.date) -> str:
        return date_words(value, lang)

    def size(value: int) -> str:
        return size_text(value, lang)

    def status(value: object) -> str:
        return status_label(str(value), lang) if value else "-"

    def verdict(value: object) -> str:
        return verdict_label(str(value), lang) if value else ""

    def changed(value: object) -> str:
        return changed_words(value, lang, {})

    shown: dict[str, Callable] = {"when": when, "day": day, "size": size, "status_label": status,
                                  "verdict_label": verdict, "changed_words": changed}
    return {**shown, "overdue_days": OVERDUE_DAYS_SHOWN}
