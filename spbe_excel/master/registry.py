"""The OPD registry: codes with official names and the aliases people
write, and the key under which a name is looked up."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from spbe_excel.model.columns import norm, words
from spbe_excel.model.contacts import Contact

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")  # what an OPD code looks like

_ABBREVIATIONS = {"bag": "bagian", "bid": "bidang", "din": "dinas", "brg": "barang", "kec": "kecamatan",
                  "kel": "kelurahan", "sekr": "sekretariat", "sekret": "sekretariat"}
_OPD_STOPWORDS = {"dan", "setda", "sekretariat", "daerah", "kota", "kabupaten", "pemerintah", "pemkot"}
_OPEN_LIST = {"dll", "dsb", "etc", "dst", "lainnya"}


def opd_key(text: str) -> str:
    """Key under which an OPD name is looked up: case, punctuation, common
    abbreviations (``Bag.`` = ``Bagian``), ``dan``/``&`` and a ``Setda``
    suffix ignored.  "Bag. Organisasi", "Bagian Organisasi" and
    "bag organisasi" share one key."""
    w = [_ABBREVIATIONS.get(x, x) for x in words(text)]
    kept = [x for x in w if x not in _OPD_STOPWORDS]
    return "".join(kept or w)


@dataclass(frozen=True)
class Opd:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    contact: Contact = field(default_factory=Contact)  # the OPD sheet's optional E-mail, WhatsApp, Narahubung

    def display(self) -> str:
        return f"{self.code} - {self.name}"


class OpdRegistry:
    """OPD codes with official names and aliases, resolved by :func:`opd_key`."""

    def __init__(self, opds: list[Opd] | tuple[Opd, ...]):
        self.opds: tuple[Opd, ...] = tuple(opds)
        self.by_code: dict[str, Opd] = {o.code: o for o in self.opds}
        self._by_key: dict[str, Opd] = {}
        self._cache: dict[str, Opd | None] = {}
        self._split_cache: dict[str, tuple[tuple[Opd, ...], tuple[str, ...]]] = {}
        self._codes_cache: dict[str, frozenset[str]] = {}
        for o in self.opds:
            for name in (o.code, o.name, *o.aliases):
                self._by_key.setdefault(opd_key(name), o)

    def __iter__(self):
        return iter(self.opds)

    def __len__(self) -> int:
        return len(self.opds)

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def get(self, code: str) -> Opd:
        return self.by_code[code]

    def resolve(self, text: object) -> Opd | None:
        """The OPD a code, name or alias refers to, or ``None``.  Also
        accepts ``"CODE - Name"`` as written in templates and dropdowns."""
        if text is None:
            return None
        if text.__class__ is str:
            try:
                return self._cache[text]
            except KeyError:
                pass
            found = self._resolve(text)
            if len(self._cache) < 100_000:
                self._cache[text] = found
            return found
        return self._resolve(text)

    def _resolve(self, text: object) -> Opd | None:
        s = str(text).strip()
        if not s:
            return None
        if s.upper() in self.by_code:
            return self.by_code[s.upper()]
        found = self._by_key.get(opd_key(s))
        if found is None and " - " in s:
            head = s.split(" - ", 1)[0].strip().upper()
            found = self.by_code.get(head)
        return found

    def closest(self, text: str) -> Opd | None:
        """The OPD whose code, name or alias is closest to ``text``."""
        key = opd_key(text)
        match = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.6)
        return self._by_key[match[0]] if match else None

    def split(self, text: str) -> tuple[list[Opd], list[str]]:
        """Resolve a cell that may name several OPDs ("Dinas Perijinan,
        Dinas Dukcapil, dll").  Returns (resolved OPDs, unresolved parts);
        an open-list marker such as "dll" is neither.  Cached: the same
        cells (an indicator shared by hundreds of OPDs lists them all) come
        back in every submission."""
        key = str(text)
        cached = self._split_cache.get(key)
        if cached is None:
            cached = self._split(key)
            if len(self._split_cache) < 10_000:
                self._split_cache[key] = cached
        return list(cached[0]), list(cached[1])

    def split_codes(self, text: str) -> frozenset[str]:
        """The codes of the OPDs a cell names (as :meth:`split` resolves them)."""
        key = str(text)
        codes = self._codes_cache.get(key)
        if codes is None:
            codes = frozenset(o.code for o in self.split(key)[0])
            if len(self._codes_cache) < 10_000:
                self._codes_cache[key] = codes
        return codes

    def _split(self, text: str) -> tuple[tuple[Opd, ...], tuple[str, ...]]:
        found: list[Opd] = []
        unknown: list[str] = []
        whole = self.resolve(text)
        if whole is not None:
            return (whole,), ()
        for part in re.split(r"[;\n/]+", str(text)):
            part = part.strip()
            if not part:
                continue
            o = self.resolve(part)
            if o is not None:
                found.append(o)
                continue
            for sub in part.split(","):
                sub = sub.strip().rstrip(".")
                if not sub or norm(sub) in _OPEN_LIST:
                    continue
                o = self.resolve(sub)
                (found.append(o) if o is not None else unknown.append(sub))
        unique = tuple({o.code: o for o in found}.values())  # by code: hashing the dataclass is slow
        return unique, tuple(unknown)
