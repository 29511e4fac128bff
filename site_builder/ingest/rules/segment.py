"""Where articles start: the segmentation of the whole issue that the evidence supports best.

Every run of one to three headline-shaped lines is a candidate headline.  Each
candidate is weighed (cues.py); then one pass of dynamic programming over the
issue's tokens chooses the set of candidates with the greatest total weight,
under the rules every newspaper keeps: an article has a body, and headlines do
not overlap.  So no single cue is a gate: a strong news lead below a line
outweighs an odd line above it, and a page of briefs with neither datelines nor
bylines is cut where the shapes, the spacing and the topics say.

The same pass gives each decision's margin: how much worse the best
segmentation that decides the other way would be.  A close call becomes a
warning at its line, naming the alternative.  Explicit Markdown titles and a
maintainer's fixes (issue.toml) are taken as given.
"""
from __future__ import annotations

from site_builder.core.errors import Severity
from site_builder.ingest.chars import ends_sentence, visible_length
from site_builder.ingest.evidence import UNSURE_MARGIN, Evidence, percent
from site_builder.ingest.rules.chain import Chain, Node
from site_builder.ingest.rules.cues import CONTENT, Cues
from site_builder.ingest.rules.headlines import MAX_HEADLINE_LINES
from site_builder.ingest.rules.shapes import is_headline_line, is_title_shaped
from site_builder.ingest.state import ParseState, Token

FORCED = 100.0
# When closing bylines and credits number at least this share of an issue's articles, the issue
# ends its articles with them, and a candidate without one above weighs CONVENTION less.
CLOSED_SHARE = 0.5
CONVENTION = -1.5
# A candidate this far from a coin toss on its own is not weighed again for the report.
REPORT_SLACK = 2.0
# At most this many chosen headlines of one issue are weighed by reading the issue again without
# them (the closest calls first), and no more than READING_BUDGET candidates are read in all:
# the rest by leaving each out of the best reading (chain.py).  An issue of a thousand doubtful
# lines then takes linear time.
REREADINGS = 24
READING_BUDGET = 20_000
# A run of more headline-shaped lines than this, one after another, is a list (names, a table
# set as lines), not a page of headlines: a headline of up to MAX_HEADLINE_LINES lines can
# open it or stand at its end above the body, so only those starts are weighed.  The papers'
# longest runs are five lines; weighing every line of a column of thousands would take
# seconds for nothing.
LIST_RUN = 8
# Real issues hold about one headline-shaped line per two kilobytes (the densest one per 330
# bytes).  A file of little else (damaged, generated or hostile) would be weighed line by line,
# at a fraction of a millisecond each: beyond one start per CANDIDATE_BYTES (and at least
# MIN_CANDIDATES), only the starts with the strongest plain evidence are weighed, and a note
# says so.  Parse time stays linear in bytes.
CANDIDATE_BYTES = 100
MIN_CANDIDATES = 100


def article_starts(state: ParseState) -> None:
    tokens = state.tokens
    if not tokens:
        return
    cues = Cues(state)
    candidates = _candidates(state, cues)
    closed = {start: cues.closed_above(start) for start, _ in candidates}
    chain = _chain(tokens, candidates, closed)
    chosen = chain.best_chain()
    # Weighing down candidates the chain did not take cannot change it: only an unclosed start
    # it took can be undone by the convention.
    if any(not closed.get(node.start, True) for node in chosen) and _closes_its_articles(cues, chosen):
        # This issue ends its articles with a byline or credit: a candidate with none above is
        # more likely a sub-head.  Weighed in, and the issue read again.
        for (start, _length), evidence in candidates.items():
            if evidence.score < FORCED / 2 and not closed[start]:
                evidence.add("no byline above, where this issue's articles end with one", CONVENTION)
        chain = _chain(tokens, candidates, closed)
        chosen = chain.best_chain()
    for (start, _length), evidence in candidates.items():
        score = tokens[start].headline_score
        tokens[start].headline_score = evidence.score if score is None else max(score, evidence.score)
    for node in chosen:
        tokens[node.start].article_start = True
        tokens[node.start].headline_lines = node.length
    first = _first_content(tokens)
    if first is not None and (not chosen or chosen[0].start > first):
        tokens[first].article_start = True
    _report(state, candidates, chain, {node.start: node.score for node in chosen})


def _chain(tokens: list[Token], candidates: dict[tuple[int, int], Evidence], closed: dict[int, bool]) -> Chain:
    nodes = [Node(start, length, evidence.score) for (start, length), evidence in candidates.items()]
    return Chain(tokens, nodes, closed, CONTENT)


def _closes_its_articles(cues: Cues, chosen: list[Node]) -> bool:
    """Whether this issue ends most of its articles (as this reading counts them) with a byline
    or a closing credit."""
    if len(chosen) < 2:
        return False
    closings = sum(1 for t in cues.tokens if t.kind == "byline" or t.byline or t.closing)
    return closings >= CLOSED_SHARE * len(chosen)


def _candidates(state: ParseState, cues: Cues) -> dict[tuple[int, int], Evidence]:
    tokens = state.tokens
    found: dict[tuple[int, int], Evidence] = {}
    eligible = [_eligible(state, token) for token in tokens]
    weighed = _within_budget(state, cues, _outside_lists(eligible))
    for start, token in enumerate(tokens):
        if token.kind == "title":
            found[(start, 1)] = _forced("a Markdown title")
            kicker = _kicker_above(tokens, start)
            if kicker is not None:
                found[(kicker, 2)] = _forced("a plain line right above a Markdown title")
                found[(kicker, 2)].add("the kicker belongs to the title", 1.0)
            continue
        if token.fix == "article":
            found[(start, 1)] = _forced("issue.toml says an article starts here")
        if not weighed[start] or state.style == "markdown":
            continue
        lengths = []
        for length in range(1, MAX_HEADLINE_LINES + 1):
            end = start + length
            if end >= len(tokens) or not eligible[end - 1]:
                break
            lengths.append(length)
        if lengths:
            for length, evidence in cues.weigh(start, lengths).items():
                found.setdefault((start, length), evidence)
    return found


def _outside_lists(eligible: list[bool]) -> list[bool]:
    """Which eligible starts are weighed: all but the inside of a run longer than LIST_RUN."""
    weighed = list(eligible)
    run_start = None
    for index, flag in enumerate([*eligible, False]):
        if flag and run_start is None:
            run_start = index
        elif not flag and run_start is not None:
            if index - run_start > LIST_RUN:
                for inside in range(run_start + MAX_HEADLINE_LINES, index - MAX_HEADLINE_LINES):
                    weighed[inside] = False
            run_start = None
    return weighed


def _within_budget(state: ParseState, cues: Cues, weighed: list[bool]) -> list[bool]:
    starts = [index for index, flag in enumerate(weighed) if flag]
    budget = max(MIN_CANDIDATES, len(state.data) // CANDIDATE_BYTES)
    if len(starts) <= budget:
        return weighed
    tokens = state.tokens

    def plain_evidence(start: int) -> tuple[int, int]:
        token = tokens[start]
        below = tokens[start + 1] if start + 1 < len(tokens) else None
        strength = (2 * cues.closed_above(start) + (token.gap_before > state.paragraph_gap)
                    + (below is not None and below.lead > 0))
        return -strength, start

    kept = set(sorted(starts, key=plain_evidence)[:budget])
    state.warn(
        "too-many-headlines",
        f"{len(starts)} lines could be headlines, far more than an issue of this size holds; "
        f"only the {budget} with a byline, a wider gap or a news lead next to them were weighed",
        tokens[starts[0]].line,
        hint="if this is one issue of a paper, mark its article starts in issue.toml ([[fix]] is = \"article\")",
        severity=Severity.INFO,
    )
    return [index in kept for index in range(len(weighed))]


def _forced(reason: str) -> Evidence:
    evidence = Evidence()
    evidence.add(reason, FORCED)
    return evidence


def _eligible(state: ParseState, token: Token) -> bool:
    return (
        token.kind == "text"
        and len(token.text) <= 60
        and not token.lead
        and not token.byline
        and not token.closing
        and token.fix not in ("subhead", "paragraph", "caption", "byline", "furniture", "join")
        and is_headline_line(token.text)
        and not token.text.startswith(("问：", "答：", "问:", "答:"))
    )


def _kicker_above(tokens: list[Token], index: int) -> int | None:
    """A Markdown title with a plain headline line right above it: that line is its kicker."""
    if index == 0 or tokens[index].gap_before:
        return None
    above = tokens[index - 1]
    if above.kind != "text" or not is_title_shaped(above.text) or above.byline:
        return None
    if index >= 2:
        before = tokens[index - 2]
        if before.kind == "text" and not before.byline and not ends_sentence(before.text):
            return None
    return index - 1


def _first_content(tokens: list[Token]) -> int | None:
    for index, token in enumerate(tokens):
        if token.kind in CONTENT:
            return index
    return None


def _report(state: ParseState, candidates: dict[tuple[int, int], Evidence], chain: Chain,
            chosen: dict[int, float]) -> None:
    """A warning at every close call between a new article and a line of the text.

    `chosen` maps each start the chain took to the weight of the headline it took there."""
    by_start: dict[int, Evidence] = {}
    for (start, _), evidence in candidates.items():
        if start not in by_start or evidence.score > by_start[start].score:
            by_start[start] = evidence
    reach = UNSURE_MARGIN + REPORT_SLACK
    # A start taken on strong evidence of its own is not read again: no body weight (chain.py)
    # is heavy enough to undo it.
    uncertain = sorted(
        start for start, evidence in by_start.items()
        if abs(evidence.score) < reach and chosen.get(start, 0.0) < reach
    )
    if not uncertain:
        return
    best = chain.best
    after = chain.backward()
    overall = chain.total(best)[0]
    with_start = chain.starts_best(best, after)
    closest = sorted((s for s in uncertain if s in chosen), key=lambda s: abs(by_start[s].score))
    exact = set(closest[:min(REREADINGS, READING_BUDGET // max(1, len(chain.nodes)))])
    for start in uncertain:
        margin = chain.margin(start, with_start.get(start, float("-inf")), start in chosen, overall,
                              exact=start in exact or start not in chosen)
        if abs(margin) >= UNSURE_MARGIN:
            continue
        token = state.tokens[start]
        why = ", ".join(by_start[start].strongest())
        if start in chosen:
            message = f"{_quote(token.text)} taken as a new article ({percent(margin)}; a sub-head or text line is also possible)"
        else:
            message = f"{_quote(token.text)} taken as part of the article above ({percent(margin)}; a new article is also possible)"
        state.warn(
            "article-guess",
            message,
            token.line,
            hint=f"cues: {why}; to decide it, add a [[fix]] for line {token.line} to issue.toml",
            severity=Severity.WARNING,
        )


def _quote(text: str) -> str:
    return text if visible_length(text) <= 24 else text[:22] + "…"
