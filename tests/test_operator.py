"""Operator mistakes must not lose a report (issue 10, B): an empty or wrong folder, a --period typo, a
wrong output name; and what the operator reads about them."""

from __future__ import annotations

import gettext
import json
import re
import shutil

import click
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT
from factory import PERIOD, fill, good_row, template

from spbe_excel.cli import cli
from spbe_excel.model.columns import META_SHEET
from spbe_excel.text.errors import error_text

EXAMPLES = ROOT / "examples"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="spbe-excel")


@pytest.fixture(scope="module")
def tpl(tmp_path_factory, master):
    d = tmp_path_factory.mktemp("tpl")
    return {code: template(d, master, code) for code in master.opd_codes}


@pytest.fixture()
def good(tmp_path, tpl):
    """A folder of this period's submissions: every OPD but DUKCAPIL."""
    folder = tmp_path / "kiriman"
    folder.mkdir()
    for code, path in tpl.items():
        if code != "DUKCAPIL":
            fill(path, folder / f"{code}.xlsx")
    return folder


def consolidate(folder, out, *extra):
    return run("consolidate", folder, "-o", out / "rekap.xlsx", "--report-json", out / "rekap.json",
               "--feedback", out / "fb", "--as-of", "2019-09-30", *extra)


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- B1 and B4: no submission used, nothing replaced ----------------------------------------------------------

@pytest.mark.parametrize("case", ["empty", "not-workbooks", "other-period"])
def test_consolidate_without_a_usable_submission_replaces_nothing(tmp_path, good, case):
    out = tmp_path / "out"
    first = consolidate(good, out, "--period", PERIOD)
    assert first.exit_code == 1 and (out / "rekap.xlsx").exists() and (out / "fb").is_dir()
    (out / "fb" / "BAPPEDA_lama.xlsx").write_bytes(b"an earlier feedback workbook")
    before = snapshot(out)
    folder, period = tmp_path / case, PERIOD
    if case == "other-period":
        folder, period = good, "Triwulan IV 2019"
    else:
        folder.mkdir()
        if case == "not-workbooks":
            (folder / "catatan.txt").write_text("dikirim lewat WA")
            (folder / "~$DKIS.xlsx").write_bytes(b"\0" * 165)
    result = consolidate(folder, out, "--period", period)
    assert result.exit_code == 1
    assert snapshot(out) == before  # the workbook, the JSON report and the feedback of the good run
    assert "Ditulis" not in result.stdout
    why = {"empty": "tidak ada berkas di dalamnya",
           "not-workbooks": "2 berkas di dalamnya dilewati, tidak satu pun buku kerja kiriman",
           "other-period": 'semua 9 buku kerja di dalamnya untuk periode lain (misalnya "Triwulan III 2019"), '
                           'bukan "Triwulan IV 2019"'}[case]
    assert result.stderr == (
        f"Tidak ada kiriman yang dipakai dari {folder}: {why}. Tidak ada yang ditulis, jadi {out / 'rekap.xlsx'}, "
        f"{out / 'rekap.json'}, {out / 'fb'} yang sudah ada tetap utuh. Periksa folder dan --period lalu ulangi, "
        "atau tambahkan --force untuk tetap menulis rekap tanpa kiriman.\n")

    forced = consolidate(folder, out, "--period", period, "--force")
    assert forced.exit_code == 1 and forced.stderr == ""
    assert f"Ditulis: {out / 'rekap.xlsx'}" in forced.stdout
    assert (out / "rekap.xlsx").read_bytes() != before[out.joinpath("rekap.xlsx").relative_to(out)]
    assert json.loads((out / "rekap.json").read_text(encoding="utf-8"))["summary"]["files_used"] == 0


def test_english_and_a_first_run_write_nothing_either(tmp_path):
    (tmp_path / "in").mkdir()
    result = run("--lang", "en", "consolidate", tmp_path / "in", "-o", tmp_path / "r.xlsx", "-q")
    assert result.exit_code == 1 and result.stdout == ""  # --quiet: the summary goes, the reason stays
    assert result.stderr == (f"No submission was used from {tmp_path / 'in'}: it holds no file. Nothing was written. "
                             "Check the folder and --period and try again, or add --force to write the "
                             "consolidation without submissions.\n")
    assert list(tmp_path.iterdir()) == [tmp_path / "in"]


def test_library_says_withheld(tmp_path, master):
    from spbe_excel.pipeline import consolidate_folder

    (tmp_path / "in").mkdir()
    done = consolidate_folder(tmp_path / "in", master, output=tmp_path / "r.xlsx", report_json=tmp_path / "r.json")
    assert done.withheld and done.files_used == 0 and not (tmp_path / "r.xlsx").exists()
    done = consolidate_folder(tmp_path / "in", master, output=tmp_path / "r.xlsx", force=True)
    assert not done.withheld and (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_validate_without_a_submission_exits_1(tmp_path, lang):
    empty = tmp_path / "kosong"
    empty.mkdir()
    result = run("--lang", lang, "validate", empty)
    assert result.exit_code == 1
    assert result.stderr == {"id": f"Tidak ada kiriman untuk diperiksa di {empty}: tidak ada berkas di dalamnya. "
                                   "Berikan folder atau berkas kiriman OPD.\n",
                             "en": f"Nothing to check in {empty}: it holds no file. Give a folder or the files the "
                                   "OPDs sent.\n"}[lang]
    (empty / "catatan.txt").write_text("x")
    result = run("--lang", lang, "validate", empty, "--format", "json")
    assert result.exit_code == 1 and [f["code"] for f in json.loads(result.stdout)] == ["file-skipped"]
    assert {"id": "1 berkas di dalamnya dilewati", "en": "its 1 file was skipped"}[lang] in result.stderr


# ---- B5: the summary names who sent nothing and why each file was rejected --------------------------------

def test_consolidate_summary_names_missing_opds_and_rejected_files(tmp_path, good, master):
    (good / "HUKUM.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    fill(template(tmp_path, master, "PBJ", period="Triwulan II 2019"), good / "PBJ.xlsx")
    result = run("consolidate", good, "-o", tmp_path / "r.xlsx", "--period", PERIOD, "--as-of", "2019-09-30")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1] == "Berkas: 9 dibaca, 7 dipakai, 2 ditolak, 0 dilewati, 0 ganda."
    assert lines[2] == f"Ditolak: {good / 'HUKUM.xlsx'} (file-unreadable): {_message(good / 'HUKUM.xlsx')}"
    assert lines[3] == (f'Ditolak: {good / "PBJ.xlsx"} (period-mismatch): Periode di berkas "Triwulan II 2019" tidak '
                        'sesuai dengan periode pelaporan "Triwulan III 2019". Pakai templat periode ini atau perbaiki '
                        "isian Periode.")
    # a file that cannot be read is the OPD's its name names: HUKUM's file was rejected (named above), it did not
    # send nothing
    assert lines[4:7] == ["OPD melapor: 7 dari 10.", "Belum mengirim: DUKCAPIL.",
                          "Berkas ditolak: HUKUM (file-unreadable), PBJ (period-mismatch)."]
    assert lines[7].startswith("Temuan: ")


SUMMARY_OPDS = {  # what the summary says of the OPDs not counted, by language
    "id": ["OPD melapor: 6 dari 10.", "Belum mengirim: DUKCAPIL.", "Mengirim templat kosong: BAPPEDA, BPKAD.",
           "Berkas ditolak: PBJ (period-mismatch)."],
    "en": ["OPDs reported: 6 of 10.", "Sent nothing: DUKCAPIL.", "Sent blank templates: BAPPEDA, BPKAD.",
           "File rejected: PBJ (period-mismatch)."]}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_consolidate_summary_names_every_opd_not_counted_and_why(tmp_path, good, tpl, master, lang):
    """Every OPD the summary does not count is named with why: it sent nothing, it sent its template back blank
    (a file used, none of its rows reported), or its file was rejected (with the code that rejected it)."""
    shutil.copy(tpl["BAPPEDA"], good / "BAPPEDA.xlsx")  # the template as DKIS sent it
    shutil.copy(tpl["BPKAD"], good / "BPKAD.xlsx")
    fill(template(tmp_path, master, "PBJ", period="Triwulan II 2019"), good / "PBJ.xlsx")
    result = run("--lang", lang, "consolidate", good, "-o", tmp_path / "r.xlsx", "--period", PERIOD, "--as-of",
                 "2019-09-30")
    lines = result.stdout.splitlines()
    start = lines.index(SUMMARY_OPDS[lang][0])
    assert lines[start:start + 4] == SUMMARY_OPDS[lang]
    from spbe_excel.pipeline import consolidate_folder

    done = consolidate_folder(good, master, period=PERIOD)
    assert done.missing_opds == ["DUKCAPIL"] and done.blank_opds == ["BAPPEDA", "BPKAD"]
    assert [(opd, f.code) for opd, f in done.rejected_opds] == [("PBJ", "period-mismatch")]
    counted = done.summary.opds_reported + len(done.missing_opds + done.blank_opds + done.rejected_opds)
    assert counted == done.summary.opds_expected


def test_an_opd_with_a_used_file_is_not_named_for_its_rejected_one(tmp_path, good, tpl, master):
    """An OPD that sent a good file and a rejected one reports (its good file is used); one that sent its blank
    template and a rejected file sent a blank template (that file is used)."""
    fill(template(tmp_path, master, "PBJ", period="Triwulan II 2019"), good / "PBJ_lama.xlsx")
    shutil.copy(tpl["BPKAD"], good / "BPKAD.xlsx")
    (good / "BPKAD_rusak.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    from spbe_excel.pipeline import consolidate_folder

    done = consolidate_folder(good, master, period=PERIOD)
    assert done.blank_opds == ["BPKAD"] and done.rejected_opds == [] and done.missing_opds == ["DUKCAPIL"]
    assert done.summary.opds_reported == 8


def _message(path) -> str:
    """What ``validate`` says about a file that cannot be read."""
    out = run("validate", path).output.splitlines()
    return out[1].split("file-unreadable: ", 1)[1]


# ---- B3: periods --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("period", ["Triwulan VII 2019", "Triwulan III 2109", "asdf", "Triwulan III",
                                    "Semester 3 2019"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_template_refuses_a_period_the_plan_cannot_have(tmp_path, period, lang):
    result = run("--lang", lang, "template", tmp_path / "out", "--period", period)
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    if period.endswith("2109"):
        assert result.output == {
            "id": 'Tahun 2109 pada --period "Triwulan III 2109" tidak wajar untuk rencana tahun 2019: tulis tahun '
                  "2018 sampai 2022.\n",
            "en": 'The year 2109 in --period "Triwulan III 2109" is not plausible for a plan of 2019: write a year '
                  "from 2018 to 2022.\n"}[lang]
    else:
        assert result.output.startswith({"id": f'--period "{period}" bukan periode yang dikenal. Tulis salah satu',
                                         "en": f'--period "{period}" is not a known period. Write one of'}[lang])
        for form in ("Triwulan III 2019", "Semester I 2019", "August 2019", "Tahun 2019"):
            assert f'"{form}"' in result.output
        assert len(result.output) < 400


@pytest.mark.parametrize("command", ["validate", "consolidate", "feedback"])
def test_every_command_refuses_the_same_periods(tmp_path, good, command):
    args = {"validate": ["validate", good], "consolidate": ["consolidate", good, "-o", tmp_path / "r.xlsx"],
            "feedback": ["feedback", good / "DKIS.xlsx", "-o", tmp_path / "r.xlsx"]}[command]
    for period in ("Triwulan VII 2019", "Triwulan III 2109"):
        result = run(*args, "--period", period)
        assert result.exit_code == 2 and "--period" in result.output and "2019" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_period_is_spelled_as_the_plan_does_in_every_command(tmp_path, master):
    result = run("template", tmp_path / "tpl", "--period", "tw 3 tahun 2019", "--opd", "DKIS")
    assert result.exit_code == 0, result.output
    path = tmp_path / "tpl" / "DKIS_Triwulan_III_2019.xlsx"
    wb = openpyxl.load_workbook(path)
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_col=2)}
    assert meta["period"] == "Triwulan III 2019" and wb.worksheets[1]["G2"].value == "Triwulan III 2019"
    folder = tmp_path / "in"
    folder.mkdir()
    fill(path, folder / "DKIS.xlsx")
    for spelling in ("Q3 2019", "Triwulan ke-3 Tahun 2019", "TW III/2019"):
        assert run("validate", folder, "--period", spelling, "--as-of", "2019-09-30").exit_code == 0
    result = run("consolidate", folder, "-o", tmp_path / "r.xlsx", "--period", "q3 2019", "--report-json",
                 tmp_path / "r.json", "--as-of", "2019-09-30", "-q")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["period"] == "Triwulan III 2019"
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["Monev"]["A2"].value.startswith("Periode: Triwulan III 2019")
    run("feedback", folder / "DKIS.xlsx", "-o", tmp_path / "fb.xlsx", "--period", "Q3 2019", "--as-of", "2019-09-30")
    assert openpyxl.load_workbook(tmp_path / "fb.xlsx").worksheets[1]["G2"].value == "Triwulan III 2019"


def test_plausible_years_follow_the_plan(master):
    import dataclasses

    from spbe_excel.errors import UsageError
    from spbe_excel.master import checked_period, plan_years

    assert plan_years(master) == range(2018, 2023)
    later = dataclasses.replace(master, plan_year=2024, rows=tuple(
        dataclasses.replace(i, target_year=2026) for i in master.rows))
    assert plan_years(later) == range(2023, 2030)
    assert str(checked_period("Semester II 2029", later)) == "Semester II 2029"
    with pytest.raises(UsageError) as refused:
        checked_period("Semester II 2019", later)
    assert re.search("2023 sampai 2029", error_text(refused.value, "id"))


# ---- B6: messages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["kemarin", "31/31/2019", "2019", "20190930"])
def test_bad_as_of_names_the_accepted_forms(value):
    result = run("validate", ".", "--as-of", value)
    assert result.exit_code == 2
    assert result.output.endswith(
        f"Galat: Nilai tidak valid untuk '--as-of': {value} bukan tanggal. Tulis hari lebih dulu, misalnya "
        "30/09/2019, 30-09-2019 atau 30 September 2019, atau tahun lebih dulu: 2019-09-30.\n")
    result = run("--lang", "en", "validate", ".", "--as-of", value)
    assert result.output.endswith(
        f"Error: Invalid value for '--as-of': {value} is not a date. Write the day first, for example 30/09/2019, "
        "30-09-2019 or 30 September 2019, or the year first: 2019-09-30.\n")


CLICK_ERRORS = [  # arguments, the Indonesian error line, the English one
    (["consolidate", "x"], "Galat: Opsi wajib belum diisi: '-o' / '--output'.",
     "Error: Missing option '-o' / '--output'."),
    (["consolidate"], "Galat: Argumen wajib belum diberikan: 'INPUT_DIR'.", "Error: Missing argument 'INPUT_DIR'."),
    (["validate", ".", "--nope"], "Galat: Tidak ada opsi '--nope'.", "Error: No such option '--nope'."),
    (["validate", ".", "--formt", "json"], "Galat: Tidak ada opsi '--formt'. Mungkin maksudnya '--format'?",
     "Error: No such option '--formt'. Did you mean '--format'?"),
    (["master", "show", "--format", "xml"],
     "Galat: Nilai tidak valid untuk '--format': 'xml' bukan salah satu dari 'table', 'json', 'csv'.",
     "Error: Invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv'."),
    (["frob", "."], "Galat: Tidak ada perintah 'frob'.", "Error: No such command 'frob'."),
    (["valdate", "."], "Galat: Tidak ada perintah 'valdate'. Mungkin maksudnya 'validate'?",
     "Error: No such command 'valdate'. Did you mean 'validate'?"),
    (["validate", ".", "--workers", "99"], "Galat: Nilai tidak valid untuk '--workers': 99 di luar rentang 0<=x<=64.",
     "Error: Invalid value for '--workers': 99 is not in the range 0<=x<=64."),
    (["validate", ".", "--as-of"], "Galat: Opsi '--as-of' memerlukan nilai.",
     "Error: Option '--as-of' requires an argument."),
    (["master", "check", "a.xlsx", "b.xlsx"], "Galat: Ada argumen yang tidak diharapkan (b.xlsx)",
     "Error: Got unexpected extra argument (b.xlsx)"),
]


@pytest.mark.parametrize("args, indonesian, english", CLICK_ERRORS, ids=[" ".join(c[0]) for c in CLICK_ERRORS])
def test_clicks_own_errors_speak_the_language_of_the_run(args, indonesian, english):
    result = run(*args)
    assert result.exit_code == 2
    if english not in run("--lang", "en", *args).output.splitlines():
        pytest.skip(f"this click words the message otherwise; see spbe_excel/text/clickmsg.py: {result.output}")
    assert indonesian in result.output.splitlines(), result.output
    assert re.search(r"^Penggunaan: spbe-excel .*\nCoba 'spbe-excel.* --help' untuk bantuan\.$", result.output,
                     re.M) or "--as-of" in args
    by_env = CliRunner(env={"SPBE_LANG": "en"}).invoke(cli, args, prog_name="spbe-excel")
    assert english in by_env.output.splitlines()  # SPBE_LANG=en, as for the help texts


def test_click_falls_back_to_english_and_is_left_as_it_was():
    from spbe_excel.cli.rewording import reword

    assert reword("Error: Missing command.", "id") == "Galat: Perintah belum diberikan."
    assert reword("A message click added later.", "id") == "A message click added later."
    assert reword("No such command 'x'. A hint click added later.", "id") == \
        "Tidak ada perintah 'x'. A hint click added later."
    assert reword("Missing option '-o'.", "en") == "Missing option '-o'."
    assert run("master", "show", "--format", "xml").exit_code == 2
    assert click.exceptions._ is gettext.gettext and click.exceptions.ngettext is gettext.ngettext


def _sample(msgid: str) -> dict[str, str]:
    """A value for each placeholder of ``msgid`` that is none of click's messages."""
    return {name: f"v{i}{name}" for i, name in enumerate(re.findall(r"\{(\w+)", msgid))}


def _pairs():
    from spbe_excel.text.clickmsg import CLICK_ID, CLICK_ID_PLURAL

    yield from CLICK_ID.items()
    for (one, many), (ours_one, ours_many) in CLICK_ID_PLURAL.items():
        yield one, ours_one
        yield many, ours_many


@pytest.mark.parametrize("msgid, ours", list(_pairs()), ids=[msgid for msgid, _ in _pairs()])
def test_every_message_of_click_is_reworded_with_its_own_placeholders(msgid, ours):
    """Each of click's messages in the tables, formatted as click formats it, is found again and reworded
    into its translation filled with the same values; a translation needs no field click does not give,
    and converts each as click does (``{name!r}`` stays ``{name!r}``)."""
    from spbe_excel.cli.rewording import reword, reword_whole

    fields = re.compile(r"\{(\w+)(![rsa])?\}")
    assert set(fields.findall(ours)) <= set(fields.findall(msgid)), msgid
    values = _sample(msgid)
    english = msgid.format(**values)
    assert reword(english, "id") == ours.format(**values)
    assert reword_whole(english, "id") == ours.format(**values)
    assert reword(english, "en") == english


def test_a_leftover_lock_file_may_be_deleted(tmp_path, master):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "~$DKIS.xlsx").write_bytes(b"\0" * 165)
    result = run("validate", folder)
    assert "boleh dihapus" in result.output and "bila buku kerja itu tidak sedang dibuka" in result.output
    assert "may be deleted" in run("--lang", "en", "validate", folder).output
    out = tmp_path / "r.xlsx"
    (tmp_path / "~$r.xlsx").write_bytes(b"\0" * 165)
    result = run("consolidate", EXAMPLES / "triwulan-iii", "-o", out, "--as-of", "2019-09-30")
    assert result.exit_code == 2 and not out.exists()
    assert result.output == (f"Tidak dapat mengganti {out}: berkas sedang dibuka program lain (ada ~$r.xlsx). Tutup "
                             "berkasnya lalu ulangi. Bila berkas itu tidak sedang dibuka, ~$r.xlsx hanyalah sisa dan "
                             "boleh dihapus.\n")


def test_english_counts_are_singular_for_one(tmp_path, tpl):
    from spbe_excel.model.findings import Finding
    from spbe_excel.text import TEXTS
    from spbe_excel.text import fill as fill_text
    from spbe_excel.text.findings import FINDINGS, message

    def one(text: str) -> dict:
        return dict.fromkeys(re.findall(r"\{(\w+)[}|:!]", text), 1)

    rendered_texts = {k: fill_text(pair[1], one(pair[1])) for k, pair in TEXTS.items()}
    rendered_texts.update({code: message(Finding(code, params=tuple(one(text[1][1]).items())), "en")
                           for code, text in FINDINGS.items()})
    for key, rendered in rendered_texts.items():
        wrong = re.findall(r"(?<![\w.,])1 (files|errors|warnings|duplicates|templates|indicators|problems|OPDs|rows|"
                           r"columns|workbooks)\b", rendered)
        assert not wrong, f"{key}: {rendered}"
    folder = tmp_path / "in"
    folder.mkdir()
    fill(tpl["DKIS"], folder / "DKIS.xlsx", {1: {**good_row(1), "spent": 90_000_000}})
    shutil.copy(folder / "DKIS.xlsx", folder / "DKIS_lagi.xlsx")
    result = run("--lang", "en", "consolidate", folder, "-o", tmp_path / "r.xlsx", "--as-of", "2019-09-30")
    assert "Files: 2 read, 1 used, 0 rejected, 0 skipped, 1 duplicate." in result.output.splitlines()
    result = run("--lang", "en", "validate", folder / "DKIS.xlsx", "--as-of", "2019-09-30")
    assert result.output.splitlines()[-1] == "1 file: 1 accepted, 0 rejected, 0 skipped. 0 errors, 1 warning, 0 info"
    result = run("--lang", "en", "template", tmp_path / "t", "--period", PERIOD, "--opd", "DKIS")
    assert result.output.splitlines()[-1] == f"1 template written to {tmp_path / 't'}"
    result = run("--lang", "en", "consolidate", folder, "-o", tmp_path / "r.xlsx", "--as-of", "2019-09-30",
                 "--feedback", tmp_path / "fb")
    assert f"Feedback: 1 file in {tmp_path / 'fb'}" in result.output.splitlines()


def test_sources_sheet_shows_the_size_of_skipped_files(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES / "triwulan-iii", folder)
    run("consolidate", folder, "-o", tmp_path / "r.xlsx", "--report-json", tmp_path / "r.json", "--as-of",
        "2019-09-30", "-q")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["Sumber"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Berkas")
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(values_only=True)
            if r[0] and str(r[0]).startswith(str(folder))}
    for name in ("~$BAPPEDA_Triwulan_III_2019.xlsx", "catatan pengiriman.txt"):
        row = rows[str(folder / name)]
        assert row["Status"] == "Dilewati"
        assert row["Ukuran (byte)"] == (folder / name).stat().st_size > 0
        assert row["Diubah"]
    sources = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["sources"]
    assert {s["path"]: s["size"] for s in sources}[str(folder / "catatan pengiriman.txt")] == 58


@pytest.mark.parametrize("args, wanted", [
    (["consolidate", EXAMPLES / "triwulan-iii", "-o", "{tmp}/rekap.csv"], ".xlsx"),
    (["consolidate", EXAMPLES / "triwulan-iii", "-o", "{tmp}/rekap.xlsx", "--report-json", "{tmp}/rekap.xlsx.bak"],
     ".json"),
    (["consolidate", EXAMPLES / "triwulan-iii", "-o", "{tmp}/rekap", "--report-json", "{tmp}/r.json"], ".xlsx"),
    (["feedback", EXAMPLES / "triwulan-iii" / "PBJ_Triwulan_III_2019.xlsx", "-o", "{tmp}/PBJ.ods"], ".xlsx"),
    (["master", "export", "{tmp}/master.csv"], ".xlsx"),
])
def test_outputs_named_for_another_format_are_refused(tmp_path, args, wanted):
    result = run(*[str(a).replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2 and list(tmp_path.iterdir()) == []
    assert f"harus berakhiran {wanted}" in result.output and result.output.count("\n") == 1


def test_feedback_exits_0_whatever_the_findings_as_the_readme_says(tmp_path):
    result = run("feedback", EXAMPLES / "triwulan-iii" / "BPKAD_Triwulan_III_2019.xlsx", "-o", tmp_path / "b.xlsx",
                 "--as-of", "2019-09-30")
    assert result.exit_code == 0 and "2 galat" in result.output
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### `spbe-excel feedback`")[1].split("\n## ")[0]
    assert "Exit code 0 when the\nworkbook is written, whatever the findings" in section


def test_json_report_weights_are_exact(tmp_path):
    run("consolidate", EXAMPLES / "triwulan-iii", "-o", tmp_path / "r.xlsx", "--report-json", tmp_path / "r.json",
        "--as-of", "2019-09-30", "-q")
    index = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["index"]
    assert [d["weight"] for d in index["domains"]] == [17, 28, 55] and index["overall"]["weight"] == 100
    assert [a["weight"] for a in index["aspects"]] == [7, 10, 8, 8, 12, 35, 20]


# ---- README examples are real ---------------------------------------------------------------------------------

def _commands(text: str) -> list[tuple[list[str], str]]:
    """(arguments, output) of every ``$ spbe-excel`` command in the code blocks of ``text``."""
    import shlex

    found = []
    for block in re.findall(r"```\n(.*?)```", text, re.S):
        block = block.replace("\\\n", " ")
        for command in re.split(r"^\$ ", block, flags=re.M)[1:]:
            line, _, output = command.partition("\n")
            args = shlex.split(line)
            assert args[0] == "spbe-excel"
            found.append((args[1:], output))
    return found


def _run_here(tmp_path, monkeypatch, commands) -> None:
    (tmp_path / "examples").symlink_to(EXAMPLES)
    monkeypatch.chdir(tmp_path)
    assert commands
    for args, output in commands:
        result = CliRunner().invoke(cli, args)
        assert result.output == output, " ".join(args)


@pytest.mark.parametrize("section", ["consolidate", "validate", "feedback"])
def test_readme_examples_run_on_the_committed_examples(tmp_path, monkeypatch, section):
    """The README's examples of these commands are real: run here, on examples/, they print what it shows."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split(f"### `spbe-excel {section}`")[1].split("\n## ")[0]
    _run_here(tmp_path, monkeypatch, _commands(text))


def test_walkthrough_examples_are_real(tmp_path, monkeypatch):
    text = (EXAMPLES / "WALKTHROUGH.md").read_text(encoding="utf-8")
    _run_here(tmp_path, monkeypatch, [c for c in _commands(text) if "\n...\n" not in c[1]])


def test_start_your_own_plan_examples_are_real(tmp_path, monkeypatch):
    """README's "Start your own plan" and the Kabupaten Contoh walkthrough: every command shown with its output
    prints it (an abridged output, "...", is not compared; nor is a command shown without output, which
    tools/refresh_doc_examples.py fills in)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Start your own plan")[1].split("\n## ")[0]
    walk = (EXAMPLES / "kabupaten-contoh" / "WALKTHROUGH.md").read_text(encoding="utf-8")
    for n, text in enumerate((readme, walk)):  # each in a folder of its own: both write rencana-2026.xlsx
        shown = [c for c in _commands(text) if c[1].strip() and "\n...\n" not in f"\n{c[1]}"]
        assert any(args[:2] == ["master", "new"] for args, _ in shown)
        (tmp_path / str(n)).mkdir()
        _run_here(tmp_path / str(n), monkeypatch, shown)
