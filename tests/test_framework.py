"""The evaluation frameworks as data: what the files hold, that the code reads its level names and predicates
from them, that the embedded plan follows 2018, and the ``framework`` command."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import pytest
from click.testing import CliRunner

from spbe_excel.cli import cli
from spbe_excel.master.framework import frameworks, get_framework, identify_framework, resolve_framework
from spbe_excel.model import levels
from spbe_excel.model.vocab import LevelKind

DATA = resources.files("spbe_excel") / "data" / "frameworks"


def _csv(fw_id: str, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(DATA.joinpath(fw_id, name).read_text(encoding="utf-8"))))


@pytest.mark.parametrize("fw_id, domains, aspects, indicators, rows", [("2018", 3, 7, 35, 37),
                                                                        ("2020", 4, 8, 47, 47)])
def test_structure_and_weights_add_up(fw_id, domains, aspects, indicators, rows):
    fw = get_framework(fw_id)
    assert (len(fw.domains), sum(len(a) for _, _, a in fw.domains), fw.indicator_count, len(fw.rows)) == \
        (domains, aspects, indicators, rows)
    assert len({r.indicator_no for r in fw.rows}) == indicators
    assert [r.no for r in fw.rows] == list(range(1, rows + 1))
    for _, dw, asp in fw.domains:
        assert sum(aw for _, aw, _ in asp) == pytest.approx(dw)
        for _, aw, ind in asp:
            assert sum(r.weight for r in ind) == pytest.approx(aw)
    assert sum(dw for _, dw, _ in fw.domains) == pytest.approx(100)


def test_2020_is_its_source_unaltered_plus_three_columns():
    """indikator.csv = sumber.csv (the gathered facts, as recorded) + Nomor Indikator, Jenis Tingkat, Dinamai
    Instansi."""
    source, data = _csv("2020", "sumber.csv"), _csv("2020", "indikator.csv")
    assert [{k: r[k] for k in source[0]} for r in data] == source
    assert [r["No"] for r in data] == [r["Nomor Indikator"] for r in data]
    assert {r["No"] for r in data if r["Dinamai Instansi"] == "ya"} == {"45", "46", "47"}
    assert {r["Jenis Tingkat"] for r in data if int(r["No"]) >= 32} == {"Layanan"}
    assert {r["Jenis Tingkat"] for r in data if int(r["No"]) < 32} == {"Kapabilitas"}


def test_2020_weights_as_the_regulation_states_them():
    fw = get_framework("2020")
    by_no = {r.no: r.weight for r in fw.rows}
    expected = {**dict.fromkeys(range(1, 11), 1.3), **dict.fromkeys(range(11, 21), 2.5),
                **dict.fromkeys(range(21, 32), 1.5), **dict.fromkeys(range(32, 42), 2.75),
                **dict.fromkeys(range(42, 48), 3.0)}
    assert by_no == pytest.approx(expected)
    assert [(d, dw) for d, dw, _ in fw.domains] == [("Kebijakan Internal SPBE", 13), ("Tata Kelola SPBE", 25),
                                                     ("Manajemen SPBE", 16.5), ("Layanan SPBE", 45.5)]


def test_the_embedded_plan_follows_2018_row_by_row(master):
    fw = get_framework("2018")
    for ind in master.indicators:
        row = fw.row(ind.no)
        assert (ind.domain, ind.aspect, ind.level_kind) == (row.domain, row.aspect, row.level_kind), ind.no
        assert ind.weight == pytest.approx(row.weight)
    assert [r.indicator_no for r in fw.rows[-3:]] == [35, 35, 35]
    assert resolve_framework(master.framework) is fw
    assert identify_framework([(i.no, i.aspect) for i in master.indicators]) is fw


def test_the_denpasar_tool_takes_its_framework_from_the_data():
    """tools/build_denpasar_master.py adds domain, aspect, weight and level kind from frameworks/2018."""
    from test_master_data import _tool

    tool = _tool()
    assert not hasattr(tool, "DOMAINS")
    rows = tool.build_rows()
    assert [r["Bobot (%)"] for r in rows[31:]] == ["20/6"] * 6


@pytest.mark.parametrize("text, fw_id", [
    ("2020", "2020"), ("PermenPANRB 59/2020", "2020"), ("Permen PANRB No. 59 Tahun 2020", "2020"),
    ("permenpan-rb 59 th 2020 (Pemantauan dan Evaluasi SPBE)", "2020"), ("2018", "2018"),
    ("PermenPANRB 5/2018 (Pedoman Evaluasi SPBE)", "2018"), ("Peraturan Menteri PANRB Nomor 5 Tahun 2018", "2018"),
    ("PermenPANRB 15/2018", None), ("2019", None), ("", None), ("Pedoman Evaluasi SPBE", None),
])
def test_a_plan_names_its_framework(text, fw_id):
    found = resolve_framework(text)
    assert (found.id if found else None) == fw_id


def test_level_names_and_predicates_are_read_from_the_data():
    for fw in frameworks():
        names = levels.parse_level_names(DATA.joinpath(fw.id, "tingkat.csv").read_text(encoding="utf-8"))
        assert names == levels.LEVEL_NAMES == fw.level_names
        assert levels.parse_predicates(DATA.joinpath(fw.id, "predikat.csv").read_text(encoding="utf-8")) == \
            levels.PREDICATES == fw.predicates
    assert levels.LEVEL_NAMES[LevelKind.SERVICE][3] == ("Transaksi", "Transaction")
    assert levels.PREDICATES[0] == (4.2, ("Memuaskan", "Satisfactory"))
    # another file gives other names: nothing is left in code
    edited = "Jenis Tingkat,Tingkat,Nama,Name\nLayanan,3,Transaksi Penuh,Full Transaction\n"
    assert levels.parse_level_names(edited) == {LevelKind.SERVICE: {3: ("Transaksi Penuh", "Full Transaction")}}
    assert levels.parse_predicates("Batas Bawah,Predikat,Predicate\n0,A,A\n3,B,B\n") == ((3.0, ("B", "B")),
                                                                                        (0.0, ("A", "A")))


def test_frameworks_that_disagree_on_level_names_stop_the_import(monkeypatch, tmp_path):
    for fw_id, name in (("2018", "Rintisan"), ("2020", "Awal")):
        (tmp_path / fw_id).mkdir()
        (tmp_path / fw_id / "tingkat.csv").write_text(f"Jenis Tingkat,Tingkat,Nama,Name\nKapabilitas,1,{name},I\n")
        (tmp_path / fw_id / "predikat.csv").write_text("Batas Bawah,Predikat,Predicate\n0,Kurang,Poor\n")
    monkeypatch.setattr(levels, "framework_dirs", lambda: sorted(tmp_path.iterdir()))
    with pytest.raises(RuntimeError, match="2018 and 2020 name levels or predicates differently"):
        levels._load()


def test_provenance_is_in_the_package():
    for fw in frameworks():
        text = DATA.joinpath(fw.id, "SUMBER.md").read_text(encoding="utf-8")
        assert fw.name.split()[-1] in text and "Weights may be corrected later" in text
    assert "Lampiran I were not readable" in DATA.joinpath("2020", "SUMBER.md").read_text(encoding="utf-8")


# ---- the command -------------------------------------------------------------------------------

def test_framework_list():
    done = CliRunner().invoke(cli, ["framework", "list"])
    assert done.exit_code == 0
    assert done.output.splitlines()[2:4] == ["2018  PermenPANRB 5/2018   35         evaluasi SPBE 2018 dan 2019",
                                             "2020  PermenPANRB 59/2020  47         evaluasi SPBE sejak 2021"]


def test_framework_show_table_json_csv():
    runner = CliRunner()
    table = runner.invoke(cli, ["framework", "show", "2020"]).output
    assert "4 domain, 8 aspek, 47 indikator" in table
    assert "Domain 3: Manajemen SPBE (16.5 %)" in table and "  Aspek: Audit TIK (4.5 %)" in table
    assert " 47  Tingkat Kematangan Layanan Publik Sektor 3 *" in table
    assert "Predikat indeks: Memuaskan >= 4.20, Sangat Baik >= 3.50, Baik >= 2.60, Cukup >= 1.80, Kurang < 1.80." \
        in table
    en = runner.invoke(cli, ["framework", "show", "PermenPANRB 5/2018", "--lang", "en"]).output
    assert "3 domains, 7 aspects, 35 indicators (37 weighted rows)" in en and "(indicator 35)" in en
    data = json.loads(runner.invoke(cli, ["framework", "show", "2020", "--format", "json"]).output)
    assert data["id"] == "2020" and len(data["rows"]) == 47 and data["rows"][44]["named_by_plan"] is True
    assert [d["weight"] for d in data["domains"]] == [13, 25, 16.5, 45.5]
    assert data["levels"]["service"]["5"] == {"id": "Optimalisasi", "en": "Optimization"}
    rows = list(csv.reader(io.StringIO(runner.invoke(cli, ["framework", "show", "2018", "--format", "csv"]).output)))
    assert rows[0][:3] == ["No", "Nomor Indikator", "Indikator"] and rows[37][1] == "35" and rows[37][7] == "20/6"


def test_framework_show_unknown_is_one_line():
    done = CliRunner().invoke(cli, ["framework", "show", "2021"])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        'Kerangka evaluasi tidak dikenal: "2021". Yang dikenal: 2018 (PermenPANRB 5/2018), 2020 (PermenPANRB 59/2020).']
