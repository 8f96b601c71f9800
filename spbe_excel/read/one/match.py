"""Which action of the plan a row of a submission reports.

A row names its action by an Aksi column of its own, or in its No cell: the
template writes the action's id there ("5.1", as text) when an indicator has
several actions, and the indicator's No when it has one.  A No cell typed or
pasted as a number reads 5.1 for "5.1" and also for "5.10" (a number has no
trailing zeros): the actions the template listed (its metadata) and the
row's follow-up text tell them apart.  A row without a usable No is matched
by its indicator's name (exactly, or one clearly closest); an indicator with
several actions then needs the follow-up text (Tindak Lanjut) to say which.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence

from spbe_excel.master import Indicator, MasterList, action_parts
from spbe_excel.model.columns import norm

Match = tuple[int | None, str | None]  # (indicator No, action id): (None, None) for no indicator, (No, None)
# for an indicator whose action the row does not tell


def match_action(present: dict, master: MasterList, allowed: Collection[str] = ()) -> Match:
    """The indicator and the action a row reports (``present``: its cells by
    column key; ``allowed``: the action ids of the template it was made from,
    if its metadata lists them)."""
    for key in ("action", "no"):
        if key in present:
            found = _by_id(present, present[key], master, allowed)
            if found is not None:
                return found
    no = match_indicator(present, master)
    if no is None:
        return None, None
    return no, _one_of(_rows_of(master, no), present)


def _rows_of(master: MasterList, no: int) -> Sequence[Indicator]:
    """The actions of indicator ``no``; for an indicator without one this year, its row (which no OPD
    reports on: a row for it is another OPD's)."""
    return master.actions_of(no) or (master.indicator(no),)


def _by_id(present: dict, value, master: MasterList, allowed: Collection[str]) -> Match | None:
    """The match an id names (None when it names no indicator of the plan: matched by name instead)."""
    parts = action_parts(value)
    if parts is None or parts[0] not in master.by_no:
        return None
    no, number = parts
    actions = _rows_of(master, no)
    if number is None:  # the indicator's No: its only action, or the one the follow-up text names
        return no, _one_of(actions, present)
    numbered = [a for a in actions if a.numbered]
    if not numbered:
        return None  # a decimal No in a plan without numbered actions: not a No at all, as before actions
    if value.__class__ is float:  # 5.10 typed into a number cell reads 5.1: 5.1, 5.10, 5.100 are candidates
        digits = number.rstrip("0")
        candidates = [a for a in numbered if a.action.partition(".")[2].rstrip("0") == digits]
    else:
        wanted = f"{no}.{number}"
        candidates = [a for a in numbered if a.action == wanted]
    if not candidates:
        return no, None  # names an action the indicator does not have
    mine = [a for a in candidates if a.action in allowed]  # those of the template the file was made from
    return no, _one_of(mine or candidates, present)


def _one_of(actions: Sequence[Indicator], present: dict) -> str | None:
    """The one of ``actions`` a row reports: the only one, or the one its follow-up text names (exactly, or
    one clearly closest); None when that does not tell."""
    if len(actions) == 1:
        return actions[0].action
    text = present.get("follow_up")
    if not actions or not isinstance(text, str) or not text.strip():
        return None
    return _closest(norm(text), [(norm(a.follow_up), a.action) for a in actions])


def _closest(key: str, names: list[tuple[str, object]]):
    """The value of the one name equal to ``key``, else of the one clearly closest (90 % alike, and 2 points
    ahead of the next); None otherwise."""
    exact = [v for n, v in names if n == key]
    if len(exact) == 1:
        return exact[0]
    scores = sorted(((difflib.SequenceMatcher(None, key, n).ratio(), i) for i, (n, _) in enumerate(names)),
                    reverse=True)
    if scores and scores[0][0] >= 0.9 and (len(scores) == 1 or scores[0][0] - scores[1][0] > 0.02):
        return names[scores[0][1]][1]
    return None


def match_indicator(present: dict, master: MasterList) -> int | None:
    """The indicator a row names by its text (exactly, or one clearly closest)."""
    text = present.get("indicator")
    if isinstance(text, str) and text.strip():
        return _closest(norm(text), [(norm(i.indicator), i.no) for i in master.indicators])
    return None
