"""Indonesia's three time zones, in which the intake page shows times.

A store's zone is set by ``portal init --zone`` and kept in ``portal.json``; WITA by default, the zone of
the embedded plan's Kota Denpasar.  Indonesia keeps no daylight saving time, so each zone is a fixed
offset from UTC and no time zone database is needed.  Stdlib only: the command line imports it for the
option's choices."""

from __future__ import annotations

import datetime as dt

ZONES: dict[str, int] = {"WIB": 7, "WITA": 8, "WIT": 9}  # name -> hours ahead of UTC
DEFAULT_ZONE = "WITA"


def zone_name(name: str | None) -> str | None:
    """The zone's name as written ("WITA"), whatever its case; None for an unknown name."""
    wanted = (name or "").strip().upper()
    return wanted if wanted in ZONES else None


def tz(name: str) -> dt.timezone:
    """The fixed offset of a zone, named after it (``datetime.tzname()`` gives "WITA")."""
    return dt.timezone(dt.timedelta(hours=ZONES[name]), name)
