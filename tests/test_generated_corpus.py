"""The parser recovers generated issues (bench/corpus.py) in all three styles and encodings exactly."""
from __future__ import annotations

import pytest

from bench.corpus import generate_corpus
from site_builder.ingest import parse_bytes

from .conftest import normalised_issue

CORPUS = list(generate_corpus(600, seed=11))


def test_corpus_covers_every_style():
    assert {issue.style for issue in CORPUS} == {"print", "web", "markdown"}


@pytest.mark.parametrize("generated", CORPUS, ids=lambda g: g.name)
def test_generated_issue_parses_to_its_expected_parse(generated):
    got = parse_bytes(generated.data, generated.name).to_json()
    assert normalised_issue(got) == normalised_issue(generated.expected)
