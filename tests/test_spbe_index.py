"""The SPBE index, checked by hand-computed cases from DOMAIN.md."""

from __future__ import annotations

import pytest

from spbe_excel.master.index import compute_index, level_for_index
from spbe_excel.text.words import predicate


def test_baseline_of_the_seed_plan_by_hand(master):
    # rows 1-17 weigh 1 %: levels sum to 35; 18-24 weigh 4 %: 16; 25-31 weigh 5 %: 23; 32-37 weigh 20/6 %: 15
    expected = (35 * 1 + 16 * 4 + 23 * 5 + 15 * 20 / 6) / 100
    idx = compute_index(master, {})
    assert expected == pytest.approx(2.64)
    assert idx.overall.baseline == pytest.approx(expected, abs=1e-9)
    assert idx.overall.estimate == pytest.approx(expected, abs=1e-9)  # nobody estimated: baseline


@pytest.mark.parametrize("no, weight", [(1, 1), (17, 1), (18, 4), (24, 4), (25, 5), (31, 5), (35, 20 / 6),
                                        (37, 20 / 6)])
def test_one_level_changed_moves_the_index_by_its_weight(master, no, weight):
    base = compute_index(master, {})
    ind = master.indicator(no)
    moved = compute_index(master, {no: ind.baseline_level + 1})
    assert moved.overall.estimate - base.overall.estimate == pytest.approx(weight / 100, abs=1e-9)
    assert moved.overall.baseline == base.overall.baseline


def test_aspect_and_domain_indices_are_weighted_means(master):
    idx = compute_index(master, {})
    aspects = {a.number: a for a in idx.aspects}
    assert aspects[1].baseline == pytest.approx(14 / 7)  # rows 1-7: 1+1+1+3+2+3+3
    assert aspects[7].baseline == pytest.approx(15 / 6)  # rows 32-37: 3+2+3+1+3+3
    assert [round(d.weight, 6) for d in idx.domains] == [17, 28, 55]
    # the overall index is the weight-weighted mean of the domain indices
    assert sum(d.baseline * d.weight for d in idx.domains) / 100 == pytest.approx(idx.overall.baseline)
    every_level_5 = compute_index(master, {i.no: 5 for i in master.indicators})
    assert every_level_5.overall.estimate == pytest.approx(5)
    assert all(p.estimate == pytest.approx(5) for p in every_level_5.aspects)


@pytest.mark.parametrize("value, id_, en", [
    (5.0, "Memuaskan", "Satisfactory"), (4.2, "Memuaskan", "Satisfactory"), (4.19, "Sangat Baik", "Very Good"),
    (3.5, "Sangat Baik", "Very Good"), (3.499, "Sangat Baik", "Very Good"),  # reported as 3.50
    (3.494, "Baik", "Good"), (2.6, "Baik", "Good"), (2.5999999999, "Baik", "Good"), (2.59, "Cukup", "Fair"),
    (1.8, "Cukup", "Fair"), (1.79, "Kurang", "Poor"), (1.0, "Kurang", "Poor"),
])
def test_predicate(value, id_, en):
    assert (predicate(value, "id"), predicate(value, "en")) == (id_, en)


def test_shared_indicator_counts_at_the_lowest_level():
    assert level_for_index([4, 2, None], baseline=3) == 2
    assert level_for_index([None, None], baseline=3) == 3
    assert level_for_index([], baseline=1) == 1
