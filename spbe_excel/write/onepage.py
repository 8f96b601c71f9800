"""One A4 page for the leaders (``spbe-excel report``): the SPBE index now against the baseline and the target
and its predikat, its course over the periods, the domains as bars, the OPDs' reporting and lateness, and the
actions longest past their target year, from a :class:`~spbe_excel.year.page.OnePage`.

Made with matplotlib: its charts, and its PDF backend for the page, with the DejaVu Sans it ships embedded as
TrueType (the text stays text: ``pdftotext`` reads it back) and no creation date, so that the same figures give
the same bytes.  Every number is worded as the workbooks word it (:mod:`spbe_excel.text.words`: two decimals
rounded half up, a decimal comma in Indonesian, the predikat by the evaluation's rule).  No text is smaller than
8 pt, and the charts tell their series apart by line, marker and hatching as well as by shade, so that they read
printed in grey."""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import Any

from spbe_excel.io import atomic_output
from spbe_excel.io.textwidth import text_points
from spbe_excel.text import check_lang, t
from spbe_excel.text.words import date_words, decimal_text, index_text, predicate
from spbe_excel.write.year.progress import mark_word
from spbe_excel.year.page import OnePage, PageOpd

PAGE_W, PAGE_H = 595.28, 841.89  # A4 portrait, points
MARGIN = 36.0
SMALL, BODY, HEAD = 8.0, 9.0, 11.0  # font sizes, points: nothing under SMALL
OPD_ROWS = 10  # OPDs listed; the others are counted in one line
VERIFIED_DASH = (0, (4, 1.5, 1, 1.5, 1, 1.5))  # the verified index's line: dash, dot, dot (apart from the baseline's)


def wrap(text: str, width: float, size: float, bold: bool = False, lines: int = 2) -> list[str]:
    """``text`` in lines of at most ``width`` points (DejaVu Sans, as matplotlib draws it), the last cut with an
    ellipsis when it needs more than ``lines``."""
    out: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if text_points(trial, size, bold) <= width or not line:
            line = trial
        else:
            out.append(line)
            line = word
    out.append(line)
    if len(out) > lines:
        last = out[lines - 1]
        while last and text_points(last + " …", size, bold) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out = [*out[:lines - 1], last + " …"]
    return out


class Page:
    """The page being drawn: text and axes placed in points from the bottom left corner."""

    def __init__(self, lang: str):
        from matplotlib.figure import Figure

        self.lang = lang
        self.fig = Figure(figsize=(PAGE_W / 72, PAGE_H / 72))

    def text(self, x: float, y: float, text: str, size: float = BODY, bold: bool = False, colour: str = "#000000",
             ha: str = "left", italic: bool = False) -> None:
        assert size >= SMALL
        self.fig.text(x / PAGE_W, y / PAGE_H, text, fontsize=size, fontweight="bold" if bold else "normal",
                      color=colour, ha=ha, va="baseline", style="italic" if italic else "normal")

    def axes(self, x: float, y: float, w: float, h: float):
        return self.fig.add_axes((x / PAGE_W, y / PAGE_H, w / PAGE_W, h / PAGE_H))


def write_one_page(page: OnePage, path: str | os.PathLike, *, lang: str = "id", inputs=None) -> Path:
    """Write the leaders' page of ``page`` to ``path`` (a PDF), atomically."""
    import matplotlib

    lang = check_lang(lang)
    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans", "font.size": BODY,
                                "axes.linewidth": 0.6, "hatch.linewidth": 0.6, "pdf.compression": 6}):
        p = Page(lang)
        _head(p, page)
        _course(p, page)
        _domains(p, page)
        y = _opds(p, page, 452.0)
        _overdue(p, page, y - 22)
        _foot(p, page)
        buf = io.BytesIO()
        p.fig.savefig(buf, format="pdf", metadata={"Creator": "spbe-excel", "Producer": "spbe-excel (matplotlib)",
                                                   "CreationDate": None, "Title": t("rp.title", lang,
                                                                                    institution=page.institution,
                                                                                    year=page.year)})
    with atomic_output(path, inputs) as tmp:
        tmp.write_bytes(buf.getvalue())
    return Path(path)


def _head(p: Page, page: OnePage) -> None:
    lang = p.lang
    p.text(MARGIN, 800, t("rp.title", lang, institution=page.institution, year=page.year), size=15, bold=True)
    present = sum(1 for x in page.periods if x.present)
    p.text(MARGIN, 784, t("rp.subtitle", lang, latest=page.latest, as_of=date_words(page.as_of, lang),
                          present=present, periods=len(page.periods)), size=BODY, colour="#404040")
    from matplotlib.patches import FancyBboxPatch

    box = FancyBboxPatch((MARGIN / PAGE_W, 688 / PAGE_H), (PAGE_W - 2 * MARGIN) / PAGE_W, 82 / PAGE_H,
                         boxstyle="round,pad=0,rounding_size=0.008", transform=p.fig.transFigure,
                         facecolor="#EDEDED", edgecolor="#A6A6A6", linewidth=0.6)
    p.fig.patches.append(box)
    now = wrap(t("rp.now", lang, period=page.latest), 252 - 6 - MARGIN - 12, BODY)  # left of the figures
    for k, line in enumerate(now):
        p.text(MARGIN + 12, 752 + 5.5 * (len(now) - 1) - 11 * k, line, size=BODY)
    p.text(MARGIN + 12, 712, index_text(page.counted, lang), size=32, bold=True)
    p.text(MARGIN + 100, 712, predicate(page.counted, lang, page.exact), size=16, bold=True)
    verified = ("—", t("yr.verified_none", lang), SMALL) if page.verified is None else \
        (index_text(page.verified, lang), predicate(page.verified, lang, page.exact), BODY)
    figures = [("rp.baseline", index_text(page.baseline, lang), predicate(page.baseline, lang, page.baseline_exact),
                BODY),
               ("rp.target", index_text(page.target, lang), predicate(page.target, lang, page.exact), BODY),
               ("rp.claimed", index_text(page.claimed, lang), predicate(page.claimed, lang, page.exact), BODY),
               ("rp.verified", *verified),
               ("rp.gap", index_text(max(0.0, page.target - page.counted), lang), "", BODY)]
    for k, (key, value, name, size) in enumerate(figures):
        x = 252 + 61 * k
        p.text(x, 752, t(key, lang), size=BODY, colour="#404040")
        p.text(x, 726, value, size=16, bold=True)
        if name:
            p.text(x, 710, name, size=size)
    note = _threshold_note(page, lang)
    p.text(MARGIN + 12, 695, note or t("rp.counted_note", lang), size=SMALL, italic=True, colour="#404040")


def _threshold_note(page: OnePage, lang: str) -> str:
    """Why a counted index printed at a predikat's bound earns the one below (the exact rule), or ""."""
    from spbe_excel.model.levels import PredicateRule
    from spbe_excel.text.words import predicate_note

    return predicate_note(page.counted, PredicateRule(page.rule_year, page.exact), lang)


def _short(label: str, periods: int) -> str:
    """A period's label on the chart's axis: without its year; a month by its first three letters."""
    words = label.split()
    if words and words[-1].isdigit():
        words = words[:-1]
    text = " ".join(words)
    return text[:3] if periods > 6 else text


def _course(p: Page, page: OnePage) -> None:
    from matplotlib.ticker import FuncFormatter

    lang = p.lang
    p.text(MARGIN, 664, t("rp.course", lang), size=HEAD, bold=True)
    ax = p.axes(MARGIN + 30, 514, 238, 138)
    xs = list(range(len(page.periods)))
    counted = [x.counted if x.counted is not None else math.nan for x in page.periods]
    claimed = [x.claimed if x.claimed is not None else math.nan for x in page.periods]
    verified = [x.verified if x.verified is not None else math.nan for x in page.periods]
    ax.axhline(page.target, color="#000000", linestyle=(0, (1, 1.5)), linewidth=1.2)
    ax.axhline(page.baseline, color="#7F7F7F", linestyle=(0, (6, 2, 1, 2)), linewidth=1.0)
    ax.plot(xs, claimed, color="#7F7F7F", linestyle="--", linewidth=1.2, marker="s", markersize=4)
    ax.plot(xs, verified, color="#404040", linestyle=VERIFIED_DASH, linewidth=1.2, marker="^", markersize=4.5)
    ax.plot(xs, counted, color="#000000", linewidth=2.0, marker="o", markersize=5)
    for x, v in zip(xs, counted):
        if not math.isnan(v):
            ax.annotate(index_text(v, lang), (x, v), textcoords="offset points", xytext=(0, 6), ha="center",
                        fontsize=SMALL, fontweight="bold")
    low, high = _axis([page.baseline, page.target, *(v for v in counted + claimed + verified if not math.isnan(v))])
    ax.set_ylim(low, high)
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_xticks(xs)
    ax.set_xticklabels([_short(x.label, len(xs)) + ("" if x.present else "\n" + t("rp.no_rekap", lang))
                        for x in page.periods], fontsize=SMALL)
    ax.tick_params(axis="y", labelsize=SMALL)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: decimal_text(float(v), lang, 1)))
    ax.grid(axis="y", color="#D9D9D9", linewidth=0.5)
    ax.spines[["top", "right"]].set_visible(False)
    legend: list[tuple[str, Any, str, str]] = [
        ("rp.legend.counted", "-", "o", "#000000"), ("rp.legend.claimed", "--", "s", "#7F7F7F"),
        ("rp.legend.verified", VERIFIED_DASH, "^", "#404040"), ("rp.legend.target", ":", "", "#000000"),
        ("rp.legend.baseline", "-.", "", "#7F7F7F")]
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=c, linestyle=ls, marker=m or None, markersize=4) for _, ls, m, c in legend]
    p.fig.legend(handles, [t(k, lang) for k, _, _, _ in legend], loc="lower left", ncols=5, fontsize=SMALL,
                 frameon=False, bbox_to_anchor=(MARGIN / PAGE_W, 466 / PAGE_H), handlelength=1.6,
                 handletextpad=0.5, columnspacing=0.7)


def _axis(values: list[float]) -> tuple[float, float]:
    low, high = math.floor(min(values) * 2) / 2, math.ceil(max(values) * 2) / 2
    return max(0.0, low - (0.5 if low == min(values) else 0)), min(5.0, high + (0.5 if high == max(values) else 0))


def _domains(p: Page, page: OnePage) -> None:
    lang = p.lang
    p.text(330, 664, t("rp.domains", lang, period=page.latest), size=HEAD, bold=True)
    ax = p.axes(432, 514, 120, 138)
    names = [d.name for d in page.domains]
    n = len(names)
    ys = list(range(n))
    ax.barh([y + 0.18 for y in ys], [d.baseline for d in page.domains], height=0.34, color="#FFFFFF",
            edgecolor="#595959", hatch="////", linewidth=0.6)
    ax.barh([y - 0.18 for y in ys], [d.counted for d in page.domains], height=0.34, color="#404040",
            edgecolor="#000000", linewidth=0.6)
    ax.scatter([d.target for d in page.domains], ys, marker="|", s=160, color="#000000", linewidths=1.6, zorder=3)
    for y, d in zip(ys, page.domains):
        _bar_label(ax, d.counted, y - 0.18, index_text(d.counted, lang), dark=True)
        _bar_label(ax, d.baseline, y + 0.18, index_text(d.baseline, lang), dark=False)
    ax.set_xlim(0, 5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_yticks(ys)
    ax.set_yticklabels(["\n".join(wrap(name, 92, SMALL)) for name in names], fontsize=SMALL)
    ax.set_xticks(range(6))
    ax.tick_params(axis="x", labelsize=SMALL)
    ax.grid(axis="x", color="#D9D9D9", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Patch(facecolor="#404040", edgecolor="#000000", linewidth=0.6),
               Patch(facecolor="#FFFFFF", edgecolor="#595959", hatch="////", linewidth=0.6),
               Line2D([], [], color="#000000", marker="|", linestyle="", markersize=9, markeredgewidth=1.6)]
    p.fig.legend(handles, [t("rp.legend.now", lang), t("rp.legend.baseline", lang), t("rp.legend.target", lang)],
                 loc="lower left", ncols=3, fontsize=SMALL, frameon=False,
                 bbox_to_anchor=(330 / PAGE_W, 466 / PAGE_H), handlelength=1.6, columnspacing=1.0)


def _bar_label(ax, value: float, y: float, text: str, dark: bool) -> None:
    """A bar's value inside its end (white on the dark bar, on a white patch over the hatching), or beside a bar
    too short to hold it."""
    inside = value >= 0.9
    style = {"va": "center", "fontsize": SMALL, "fontweight": "bold" if dark else "normal"}
    if not inside:
        ax.text(value + 0.08, y, text, ha="left", color="#000000", **style)
    elif dark:
        ax.text(value - 0.08, y, text, ha="right", color="#FFFFFF", **style)
    else:
        ax.text(value - 0.08, y, text, ha="right", color="#000000",
                bbox={"facecolor": "#FFFFFF", "edgecolor": "none", "pad": 0.6}, **style)


def _opd_order(opd: PageOpd) -> tuple:
    days = sum(late or 0 for _, late in opd.periods)
    return (-opd.not_reported, -opd.late, -days)


def _cell(rate: float | None, late: int | None, present: bool, narrow: bool) -> tuple[str, str]:
    """What a period's cell of an OPD says, and its colour."""
    if not present:
        return "", "#7F7F7F"
    if rate is None or rate == 0:
        return "—", "#000000"
    mark = f"+{late}" if late else "✓"
    if rate < 1 and not narrow:
        return f"{round(rate * 100)} % {mark}", "#000000"
    return mark, "#000000"


def _opds(p: Page, page: OnePage, top: float) -> float:
    """The table of the OPDs' reporting, worst first; returns the y below it."""
    lang = p.lang
    p.text(MARGIN, top, t("rp.opds", lang), size=HEAD, bold=True)
    y = top - 13
    for line in wrap(t("rp.opds.legend", lang), PAGE_W - 2 * MARGIN, SMALL, lines=2):
        p.text(MARGIN, y, line, size=SMALL, colour="#404040")
        y -= 10
    y -= 8
    periods = page.periods
    narrow = len(periods) > 6
    code_w, total_w = 96.0, 58.0
    span = (PAGE_W - 2 * MARGIN - code_w - 3 * total_w) / max(1, len(periods))
    heads = [_short(x.label, len(periods)) for x in periods]
    for k, head in enumerate(heads):
        p.text(MARGIN + code_w + span * k, y, head, size=SMALL, bold=True)
    totals = [t(f"rp.opds.{k}", lang) for k in ("on_time", "late", "not_reported")]
    for k, head in enumerate(totals):
        p.text(MARGIN + code_w + span * len(periods) + total_w * k, y, head, size=SMALL, bold=True)
    p.text(MARGIN, y, t("rp.opds.opd", lang), size=SMALL, bold=True)
    ordered = sorted(page.opds, key=_opd_order)
    for opd in ordered[:OPD_ROWS]:
        y -= 12.5
        p.text(MARGIN, y, opd.code, size=SMALL)
        for k, ((rate, late), period) in enumerate(zip(opd.periods, periods)):
            text, colour = _cell(rate, late, period.present, narrow)
            p.text(MARGIN + code_w + span * k, y, text, size=SMALL, colour=colour, bold=text == "—")
        for k, value in enumerate((opd.on_time, opd.late, opd.not_reported)):
            p.text(MARGIN + code_w + span * len(periods) + total_w * k, y, str(value), size=SMALL,
                   bold=k > 0 and value > 0)
    rest = ordered[OPD_ROWS:]
    if rest:
        y -= 12.5
        clean = all(o.late == 0 and o.not_reported == 0 for o in rest)
        p.text(MARGIN, y, t("rp.opds.rest_clean" if clean else "rp.opds.rest", lang, count=len(rest)), size=SMALL,
               italic=True, colour="#404040")
    return y


FOOT_TOP = 62.0  # the foot's first line is below this


def _who(action, lang: str, width: float) -> str:
    """The OPDs of an action with their last status and progress, as many as one line holds, then how many
    more."""
    parts = [f"{opd} {mark_word(mark, lang)}" + ("" if progress is None else f" {round(progress)} %")
             for opd, mark, progress in action.opds]
    for n in range(len(parts), 0, -1):
        text = "; ".join(parts[:n])
        if n < len(parts):
            text += " " + t("rp.overdue.more", lang, count=len(parts) - n)
        if n == 1 or text_points(t("rp.overdue.detail", lang, target_year=action.target_year, years=action.years,
                                     who=text), SMALL) <= width:
            return text
    return ""


def _overdue(p: Page, page: OnePage, top: float) -> None:
    lang = p.lang
    p.text(MARGIN, top, t("rp.overdue", lang, as_of=date_words(page.as_of, lang)), size=HEAD, bold=True)
    y = top - 15
    if not page.overdue:
        p.text(MARGIN, y, t("rp.overdue.none", lang, as_of=date_words(page.as_of, lang)), size=BODY)
        return
    width = PAGE_W - 2 * MARGIN - 16
    blocks = []
    for n, action in enumerate(page.overdue, 1):
        head = t("rp.overdue.action", lang, n=n, action=action.action, follow_up=action.follow_up)
        detail = t("rp.overdue.detail", lang, target_year=action.target_year, years=action.years,
                   who=_who(action, lang, width))
        blocks.append((wrap(head, width, BODY, bold=True), wrap(detail, width, SMALL, lines=1)))
    room = y - FOOT_TOP - 12  # the line that counts them all goes below
    if sum(11 * len(h) + 10 * len(d) + 4 for h, d in blocks) > room:  # one line each for the action's words
        blocks = [(wrap(" ".join(h), width, BODY, bold=True, lines=1), d) for h, d in blocks]
    for head_lines, detail_lines in blocks:
        for line in head_lines:
            p.text(MARGIN, y, line, size=BODY, bold=True)
            y -= 11
        for line in detail_lines:
            p.text(MARGIN + 12, y, line, size=SMALL)
            y -= 10
        y -= 4
    p.text(MARGIN, y, t("rp.overdue.all", lang, count=page.overdue_pairs), size=SMALL, italic=True,
           colour="#404040")


def _foot(p: Page, page: OnePage) -> None:
    lang = p.lang
    rule = t("rp.rule.exact" if page.exact else "rp.rule.rounded", lang, year=page.rule_year)
    for k, line in enumerate(wrap(t("rp.foot", lang, source=Path(page.source).name, fingerprint=page.fingerprint,
                                    rule=rule), PAGE_W - 2 * MARGIN, SMALL, lines=3)):
        p.text(MARGIN, 40 - 10 * k, line, size=SMALL, colour="#404040")
