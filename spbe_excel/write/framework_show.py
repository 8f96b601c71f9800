"""The embedded frameworks as the ``framework`` command shows them: a list,
and one framework as a terminal table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

from spbe_excel.master.framework import Framework, frameworks
from spbe_excel.model.levels import LEVEL_KIND_NAMES
from spbe_excel.text import pick, t

CSV_KEYS = ("no", "indicator_no", "name", "domain", "domain_weight", "aspect", "aspect_weight", "weight",
            "level_kind", "named_by_plan")


def framework_list(lang: str = "id") -> str:
    """One line per embedded framework: id, name, indicators, which evaluations use it."""
    heads = [t(f"fw.list.{k}", lang) for k in ("id", "name", "indicators", "used")]
    rows = [[fw.id, fw.name, str(fw.indicator_count), pick(fw.used, lang)] for fw in frameworks()]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([line(heads), line(["-" * w for w in widths]), *(line(r) for r in rows),
                      t("fw.list.more", lang, example=frameworks()[-1].id)])


def _number(v: float) -> str:
    return f"{v:g}"


def framework_table(fw: Framework, lang: str = "id", width: int = 120) -> str:
    """The framework for the terminal: domains and aspects with their weights, each row with its weight and level
    kind, then the level names and predicates."""
    aspects = sum(len(a) for _, _, a in fw.domains)
    lines = [f"{fw.name}: {pick(fw.title, lang)}",
             t("fw.show.summary", lang, used=pick(fw.used, lang), domains=len(fw.domains), aspects=aspects,
               indicators=fw.indicator_count, rows=len(fw.rows))]
    name_w = max(20, min(max(len(r.name) for r in fw.rows) + 2, width - 30))
    kind_w = max(len(t("fw.show.kind", lang)), *(len(pick(n, lang)) for n in LEVEL_KIND_NAMES.values()))
    lines += ["", f"{'No':>3}  {t('fw.show.indicator', lang):<{name_w}}  {t('fw.show.weight', lang):>6}  "
              f"{t('fw.show.kind', lang)}", f"{'--':>3}  {'-' * name_w}  {'-' * 6}  {'-' * kind_w}"]
    named = False
    for dn, (domain, dw, asp) in enumerate(fw.domains, 1):
        lines.append(t("fw.show.domain", lang, number=dn, name=domain, weight=_number(dw)))
        for aspect, aw, rows in asp:
            lines.append("  " + t("fw.show.aspect", lang, name=aspect, weight=_number(aw)))
            for r in rows:
                name = r.name + (" *" if r.named_by_plan else "")
                name = name if len(name) <= name_w else name[: name_w - 1] + "…"
                extra = "" if r.indicator_no == r.no else "  " + t("fw.show.indicator_no", lang, no=r.indicator_no)
                lines.append(f"{r.no:>3}  {name:<{name_w}}  {r.weight:>6.2f}  "
                             f"{pick(LEVEL_KIND_NAMES[r.level_kind], lang)}{extra}".rstrip())
                named = named or r.named_by_plan
    lines.append("")
    if named:
        lines.append(t("fw.show.named", lang))
    for kind, names in fw.level_names.items():
        levels = ", ".join(f"{n} {pick(names[n], lang)}" for n in sorted(names))
        lines.append(t("fw.show.levels", lang, kind=pick(LEVEL_KIND_NAMES[kind], lang), levels=levels))
    preds = ", ".join(f"{pick(name, lang)} >= {low:.2f}" if low > 0 else f"{pick(name, lang)} < {prev:.2f}"
                      for (low, name), prev in zip(fw.predicates, (0.0, *(p[0] for p in fw.predicates))))
    lines.append(t("fw.show.predicates", lang, predicates=preds))
    lines.append(t("fw.show.source", lang, id=fw.id))
    return "\n".join(lines)


def framework_json(fw: Framework) -> str:
    """The framework as JSON with stable English keys (for scripts)."""
    payload = {
        "id": fw.id, "name": fw.name, "number": fw.number, "title": {"id": fw.title[0], "en": fw.title[1]},
        "used": {"id": fw.used[0], "en": fw.used[1]}, "indicator_count": fw.indicator_count,
        "domains": [{"number": dn, "name": d, "weight": dw,
                     "aspects": [{"name": a, "weight": aw, "rows": [r.no for r in rows]} for a, aw, rows in asp]}
                    for dn, (d, dw, asp) in enumerate(fw.domains, 1)],
        "rows": [{"no": r.no, "indicator_no": r.indicator_no, "name": r.name, "domain": r.domain,
                  "aspect": r.aspect, "weight": r.weight, "level_kind": str(r.level_kind),
                  "named_by_plan": r.named_by_plan} for r in fw.rows],
        "levels": {str(kind): {str(n): {"id": names[n][0], "en": names[n][1]} for n in sorted(names)}
                   for kind, names in fw.level_names.items()},
        "predicates": [{"from": low, "id": name[0], "en": name[1]} for low, name in fw.predicates],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def framework_csv(fw: Framework, lang: str = "id") -> str:
    """The framework's rows as CSV, with the headers of its data file (``indikator.csv``) in ``lang``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([t(f"fw.csv.{k}", lang) for k in CSV_KEYS])
    for r in fw.rows:
        writer.writerow([r.no, r.indicator_no, r.name, r.domain, _number(r.domain_weight), r.aspect,
                         _number(r.aspect_weight), r.weight_text, pick(LEVEL_KIND_NAMES[r.level_kind], lang),
                         t("fw.csv.yes", lang) if r.named_by_plan else ""])
    return buf.getvalue()
