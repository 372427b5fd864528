"""MinHash signatures and band index: near-duplicate candidates without comparing every pair."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bookbuild.normalize.minhash import BandIndex, signatures

SHINGLES = st.sets(st.binary(min_size=1, max_size=12), min_size=1, max_size=60)


def shingle_set(start: int, stop: int) -> set[bytes]:
    return {f"word{i} word{i + 1} word{i + 2}".encode() for i in range(start, stop)}


@settings(max_examples=100, deadline=None)
@given(SHINGLES)
def test_a_set_equal_to_an_earlier_one_is_always_a_candidate(shingles: set[bytes]) -> None:
    earlier, again = signatures([shingles, set(shingles)], 32)
    index = BandIndex(8, 4)
    index.insert("earlier", earlier)
    assert index.query(again) == {"earlier"}


def test_signatures_agree_about_as_often_as_the_sets_overlap() -> None:
    a, b = shingle_set(0, 300), shingle_set(100, 400)  # Jaccard 200/400 = 0.5
    sig_a, sig_b = signatures([a, b], 128)
    assert abs(float(np.mean(sig_a == sig_b)) - 0.5) < 0.12


def test_unrelated_sets_are_not_candidates_and_signatures_are_stable() -> None:
    first = signatures([shingle_set(0, 50), shingle_set(1000, 1050)], 32)
    index = BandIndex(8, 4)
    index.insert(0, first[0])
    assert index.query(first[1]) == set()
    again = signatures([shingle_set(0, 50)], 32)
    assert np.array_equal(first[0], again[0])  # the same text, the same signature, run after run


def test_an_empty_set_has_a_signature_of_its_own() -> None:
    (empty,) = signatures([set()], 16)
    assert empty.shape == (16,) and int(empty.min()) == (1 << 32) - 1
