"""The chain of headlines (ingest/rules/chain.py) equals the plain quadratic dynamic programme it speeds up."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.ingest.rules.chain import NEG, Chain, Node
from site_builder.ingest.state import Token

CONTENT = frozenset({"text", "image", "caption", "heading", "title"})


def _plain_best(chain: Chain, skip: int | None = None) -> float:
    """best over all chains by trying every predecessor: the definition."""
    nodes = chain.nodes
    best = [NEG] * len(nodes)
    for i, node in enumerate(nodes):
        if node.start == skip:
            continue
        top = chain.pair(None, node)
        for j in range(i):
            if best[j] != NEG and nodes[j].end <= node.start:
                top = max(top, best[j] + chain.pair(nodes[j], node))
        if top != NEG:
            best[i] = top + node.score
    return chain.total(best)[0]


def _plain_after(chain: Chain) -> list[float]:
    nodes = chain.nodes
    after = [NEG] * len(nodes)
    for i in range(len(nodes) - 1, -1, -1):
        top = chain.pair(nodes[i], None)
        for k in range(i + 1, len(nodes)):
            if after[k] != NEG and nodes[i].end <= nodes[k].start:
                top = max(top, chain.pair(nodes[i], nodes[k]) + nodes[k].score + after[k])
        after[i] = top
    return after


@st.composite
def issues(draw):
    kinds = draw(st.lists(st.sampled_from(["text", "text", "text", "image", "byline", "furniture"]), min_size=1, max_size=40))
    tokens = [Token(kind, "字" * draw(st.integers(0, 260)) if kind == "text" else "", n, n) for n, kind in enumerate(kinds)]
    starts = sorted(draw(st.sets(st.integers(0, len(tokens) - 1), max_size=12)))
    nodes = [Node(start, length, draw(st.floats(-6, 6)))
             for start in starts for length in range(1, draw(st.integers(1, 3)) + 1) if start + length <= len(tokens)]
    closed = {start: draw(st.booleans()) for start in starts}
    return Chain(tokens, nodes, closed, CONTENT)


@given(issues())
def test_the_chain_finds_the_best_total(chain: Chain):
    best, _ = chain.forward()
    assert abs(chain.total(best)[0] - _plain_best(chain)) < 1e-9


@given(issues())
def test_the_chosen_chain_weighs_its_total(chain: Chain):
    chosen = chain.best_chain()
    links = [None, *chosen, None]
    weight = sum(n.score for n in chosen) + sum(chain.pair(a, b) for a, b in zip(links, links[1:]))
    if not chosen:
        weight = chain.pair(None, None)
    best, _ = chain.forward()
    assert abs(weight - chain.total(best)[0]) < 1e-9


@given(issues(), st.data())
def test_a_margin_is_the_best_with_less_the_best_without(chain: Chain, data):
    if not chain.nodes:
        return
    start = data.draw(st.sampled_from([n.start for n in chain.nodes]))
    best, _ = chain.forward()
    after = chain.backward()
    with_start = max((best[i] + after[i] for i, n in enumerate(chain.nodes) if n.start == start and best[i] != NEG),
                     default=NEG)
    assert after == pytest.approx(_plain_after(chain))
    chosen = start in {n.start for n in chain.best_chain()}
    assert chain.starts_best(best, after).get(start, NEG) == pytest.approx(with_start)
    margin = chain.margin(start, with_start, chosen, chain.total(best)[0])
    without = _plain_best(chain, skip=start)
    if with_start != NEG and without != NEG:
        assert abs(margin - (with_start - without)) < 1e-9
        assert with_start <= _plain_best(chain) + 1e-9
        # Past the cap of re-readings: the reading with the headline left out is no better than
        # the best without it, so the margin it gives is never smaller than the true one.
        approximate = chain.margin(start, with_start, chosen, chain.total(best)[0], exact=False)
        assert approximate >= margin - 1e-9
