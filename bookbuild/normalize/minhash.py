"""MinHash signatures and LSH banding: which earlier paragraphs may repeat this one.

The scheme of datasketch's MinHash (scheme="legacy") and MinHashLSH (universal hashing modulo the Mersenne
prime 2^61-1, bands of rows), written here because importing datasketch loads scipy for an
optimiser we do not use: 0.7 s on every build, more than normalizing the whole biography.
Candidates are only candidates: dedup checks each one with the exact Jaccard similarity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from zlib import crc32

import numpy as np

_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SEED = 1  # fixed: the same text gives the same signatures on every run


def signatures(sets: Iterable[set[bytes]], num_perm: int) -> list[np.ndarray]:
    """One MinHash signature (num_perm 32-bit minima) per set of shingles."""
    generator = np.random.RandomState(_SEED)
    pairs = [
        (generator.randint(1, _PRIME, dtype=np.uint64), generator.randint(0, _PRIME, dtype=np.uint64))
        for _ in range(num_perm)
    ]  # drawn in datasketch's order: the same seed gives the same permutations
    a, b = np.array(pairs, dtype=np.uint64).T
    empty = np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    result = []
    for shingles in sets:
        if not shingles:
            result.append(empty)
            continue
        hashes = np.fromiter((crc32(s) for s in shingles), dtype=np.uint64, count=len(shingles))
        permuted = ((hashes[:, None] * a + b) % _PRIME) & _MAX_HASH  # uint64 wraps, as in datasketch
        result.append(permuted.min(axis=0))
    return result


class BandIndex:
    """Signatures cut into `bands` bands of `rows` rows: two sets are candidates when a band is equal."""

    def __init__(self, bands: int, rows: int) -> None:
        self._rows = rows
        self._tables: list[defaultdict[bytes, list[Hashable]]] = [defaultdict(list) for _ in range(bands)]

    def _keys(self, signature: np.ndarray) -> Iterable[tuple[defaultdict[bytes, list[Hashable]], bytes]]:
        for band, table in enumerate(self._tables):
            yield table, signature[band * self._rows : (band + 1) * self._rows].tobytes()

    def query(self, signature: np.ndarray) -> set[Hashable]:
        return {key for table, band in self._keys(signature) for key in table.get(band, ())}

    def insert(self, key: Hashable, signature: np.ndarray) -> None:
        for table, band in self._keys(signature):
            table[band].append(key)
