"""click's own messages (usage errors, help headings, ``[required]``) in the
language of the run, reworded where they leave click.

click words its messages in English with :func:`gettext.gettext`; nothing of
click is replaced here.  :mod:`spbe_excel.text.clickmsg` lists click's
English messages (its msgids) with their Indonesian; each msgid becomes a
pattern in which a placeholder (``{name!r}``, ``{message}``) matches any
text, and a message click has already formatted is reworded by matching it:
the Indonesian is filled with what the placeholders matched, and a
``{message}`` (a message inside another, such as the reason in "Invalid
value for '--format': ...") is reworded in turn.  Text that no pattern
matches, because click changed or added a message, stays in English.

Where a text can be read more than one way (a placeholder matches any
text), the reading that recognises the most of click's fixed text wins.
A message the command line words itself (:class:`Worded`) is never reworded,
whatever a user typed into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import click

from spbe_excel.text.clickmsg import CLICK_ID, CLICK_ID_PLURAL

FIELD = re.compile(r"\{(\w+)(![rsa])?\}")
NESTED = frozenset({"message"})  # placeholders that hold another of click's messages
SENTENCE_END = re.compile(r"[.?!] ")


@dataclass(frozen=True)
class Rewording:
    """One of click's messages: the pattern of its English and its Indonesian."""

    msgid: str
    translation: str
    pattern: re.Pattern[str]
    literal: int  # how much of the msgid is fixed text: the more, the surer a match
    ends_fixed: bool  # the msgid ends with fixed text, so it may also begin a longer message

    def read(self, match: re.Match[str], depth: int = 0) -> tuple[str, int]:
        """The translation filled with what each placeholder matched (a nested message read in turn), and
        how much of click's fixed text that recognised."""
        fields, covered = {}, self.literal
        for name, value in match.groupdict().items():
            fields[name], nested = read_whole(value, depth + 1) if name in NESTED and depth < 4 else (value, 0)
            covered += nested
        return FIELD.sub(r"{\1}", self.translation).format_map(fields), covered


def compile_msgid(msgid: str, translation: str) -> Rewording:
    """The pattern of ``msgid``: its fixed text escaped, each placeholder a named group matching any text
    (the same placeholder twice must match the same text)."""
    parts: list[str] = []
    seen: set[str] = set()
    end = 0
    for field in FIELD.finditer(msgid):
        parts.append(re.escape(msgid[end:field.start()]))
        parts.append(f"(?P={field[1]})" if field[1] in seen else f"(?P<{field[1]}>.*?)")
        seen.add(field[1])
        end = field.end()
    parts.append(re.escape(msgid[end:]))
    return Rewording(msgid, translation, re.compile("".join(parts), re.S), len(FIELD.sub("", msgid)),
                     not msgid.endswith("}"))


@cache
def rewordings() -> tuple[Rewording, ...]:
    """Every message of the tables, the one with most fixed text first."""
    pairs = [*CLICK_ID.items()]
    for (one, many), (ours_one, ours_many) in CLICK_ID_PLURAL.items():
        pairs += [(one, ours_one), (many, ours_many)]
    return tuple(sorted((compile_msgid(msgid, ours) for msgid, ours in pairs), key=lambda r: -r.literal))


def reword(text: str, lang: str) -> str:
    """The message of an error as click formatted it, in ``lang``: one of click's messages, or several one
    after another ("Missing option '-o'.", "No such option '--formt'. Did you mean '--format'?")."""
    return read(text)[0] if lang == "id" else text


def reword_whole(text: str, lang: str) -> str:
    """``text`` in ``lang`` if it is one of click's messages, whole (a heading, ``required``); else as it is."""
    return read_whole(text)[0] if lang == "id" else text


def read_whole(text: str, depth: int = 0) -> tuple[str, int]:
    """``text`` read as one of click's messages, whole: in Indonesian, and how much of click's fixed text the
    reading recognised (0: none, the text kept as it is).  Of several readings the one that recognises
    most: "Invalid value for '--workers': 99 is not in the range 0<=x<=64." is an invalid value whose
    reason is a range, not a range whose value is "Invalid value for '--workers': 99"."""
    best = (text, 0)
    for rewording in rewordings():
        match = rewording.pattern.fullmatch(text)
        if match:
            reading = rewording.read(match, depth)
            if reading[1] > best[1]:
                best = reading
    return best


def read(text: str) -> tuple[str, int]:
    """``text`` read as one of click's messages whole, or as one at its start followed by a tail (see
    :func:`read_tail`), whichever recognises more: "Missing option '-o'." is "Missing option" and the
    option's name, not a missing "option '-o'."."""
    best = read_whole(text)
    for rewording in rewordings():
        match = rewording.pattern.match(text) if rewording.ends_fixed else None
        if match and match.end() < len(text) and not text[match.end()].isalnum():  # it ends between words
            head, covered = rewording.read(match)
            tail, more = read_tail(text[match.end():])
            if covered + more > best[1]:
                best = (head + tail, covered + more)
    return best


def read_tail(text: str) -> tuple[str, int]:
    """What click writes after a message: another message (" Did you mean '--format'?"), or a parameter's
    names and then another message (" '--format'. Choose from: ..."), or only the names (kept)."""
    stripped = text.lstrip(" ")
    worded, covered = read_whole(stripped)
    best = (text[:len(text) - len(stripped)] + worded, covered)
    sentence = SENTENCE_END.search(text)
    if sentence:
        worded, more = read_whole(text[sentence.end():])
        if more > best[1]:
            best = (text[:sentence.end()] + worded, more)
    return best


class Worded(str):
    """A message the command line words itself, already in the language of the run (a bad ``--as-of``
    date): click's frame around it is reworded ("Invalid value for '--as-of': ..."), the message is not."""


def error_message(exc: click.ClickException, lang: str) -> str:
    """The message of ``exc`` as click formats it, in ``lang``; a :class:`Worded` message as it is."""
    own = exc.message
    if not isinstance(own, Worded):
        return reword(exc.format_message(), lang)
    # a hole in click's frame, filled after the frame is reworded; through the instance's dict, since
    # click 8.5 declares ``message`` final
    vars(exc)["message"] = "\0"
    try:
        framed = exc.format_message()
    finally:
        vars(exc)["message"] = own
    return reword(framed, lang).replace("\0", own)


def click_text(msgid: str, lang: str, **fields: object) -> str:
    """One of click's messages, by its msgid, in ``lang``, filled in as click fills it."""
    return (CLICK_ID.get(msgid, msgid) if lang == "id" else msgid).format(**fields)


def show_error(exc: click.ClickException, lang: str) -> None:
    """What click shows for ``exc`` when it ends a run, in ``lang``.  An exception that shows itself its own
    way (the command line's own errors, the help click shows for a group called without a command) does."""
    shows = type(exc).show
    if shows is not click.UsageError.show and shows is not click.ClickException.show:
        exc.show()
        return
    ctx = exc.ctx if isinstance(exc, click.UsageError) else None
    color = None if isinstance(exc, click.UsageError) else exc.show_color
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            names = ctx.command.get_help_option_names(ctx)
            hint = click_text("Try '{command} {option}' for help.", lang, command=ctx.command_path,
                              option=max(names, key=len)) + "\n"
        color = ctx.color
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True, color=color)
    click.echo(click_text("Error: {message}", lang, message=error_message(exc, lang)), err=True,
               color=color)
