"""Who to reach at an OPD: the optional E-mail, WhatsApp and Narahubung
columns of a plan's OPD sheet, and how a person writes them.

An e-mail cell may hold several addresses (separated by ``;``, ``,`` or a
line break).  A WhatsApp number is written as people write phone numbers
("0812-3456-7890", "+62 812 3456 7890", "62812...", or 81234567890 when
Excel dropped the leading zero of a number cell) and kept as ``wa.me``
wants it: digits only, with the country code (62 for Indonesia)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
_SEPARATORS = re.compile(r"[;,\n\r]+")
_PHONE_CHARS = re.compile(r"[\d\s().+/-]+")
COUNTRY = "62"  # Indonesia: a number written without a country code is Indonesian


@dataclass(frozen=True)
class Contact:
    """An OPD's contacts: e-mail addresses, one WhatsApp number (digits with the country code), a person."""

    emails: tuple[str, ...] = ()
    whatsapp: str = ""
    person: str = ""

    def __bool__(self) -> bool:
        return bool(self.emails or self.whatsapp)


def split_emails(text: str) -> tuple[list[str], list[str]]:
    """The addresses of an e-mail cell, and the parts of it that are not addresses."""
    good: list[str] = []
    bad: list[str] = []
    for part in _SEPARATORS.split(text):
        part = part.strip().strip("<>").strip()
        if not part:
            continue
        if _EMAIL.fullmatch(part) and len(part) <= 254:
            if part.lower() not in (g.lower() for g in good):
                good.append(part)
        else:
            bad.append(part)
    return good, bad


def whatsapp_number(text: str) -> str | None:
    """``text`` as a WhatsApp number (digits, country code first: "6281234567890"), None when it is not one.

    A number that starts with + or 00 keeps its country code; one that starts with 0 (or 8: a mobile
    number whose zero a number cell dropped) is Indonesian."""
    s = text.strip()
    if not s or not _PHONE_CHARS.fullmatch(s):
        return None
    digits = re.sub(r"\D", "", s)
    if s.startswith("+"):
        pass
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith(COUNTRY):
        pass
    elif digits.startswith("0"):
        digits = COUNTRY + digits[1:]
    elif digits.startswith("8"):
        digits = COUNTRY + digits
    else:
        return None
    return digits if 10 <= len(digits) <= 15 and not digits.startswith("0") else None
