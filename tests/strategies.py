"""Hypothesis strategies: generated issues in print style with the damage the parser repairs.

Each generated issue carries its expected parse, so properties can check both
that nothing is lost and that the structure is recovered.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

# Common characters, without 记 and 习 so that no generated headline reads as a
# reporter credit line (本报记者 …, 实习生 …).
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
PLACES = ["呼和浩特", "包头", "赤峰", "通辽", "乌海", "鄂尔多斯", "锡林浩特", "阿拉善左旗", "满洲里", "二连浩特"]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "巴特尔", "乌力吉", "其其格", "赵磊", "孙悦"]


@dataclass
class ExpectedArticle:
    kicker: str | None
    title: str
    subtitle: str | None
    dateline: str | None
    bylines: list[str]
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (type, text)


@dataclass
class GeneratedIssue:
    text: str
    articles: list[ExpectedArticle]


# A headline does not stop on a word that needs more after it (的, 和, 在 …: see cues.py).
DANGLING = "的地得和与及或等在对把被将为向从以于而并且着是由使让给既又"
LAST = "".join(ch for ch in COMMON if ch not in DANGLING)


# A line opening with these words names a photo (图为…, 上图…): it is a caption by its form, so
# a generated headline or sub-head never opens with them.
CAPTION_OPENERS = ("图为", "上图", "下图", "左图", "右图")


def line_opening(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.filter(lambda text: not text.startswith(CAPTION_OPENERS))


def words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=COMMON, min_size=min_size, max_size=max_size)


def headline_words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.builds(lambda head, last: head + last, words(min_size - 1, max_size - 1), st.sampled_from(LAST))


# Words an article is about.  Each generated article draws a few and uses them in every sentence,
# so its paragraphs share words as a real article's do (random characters share none, which the
# parser's lexical-cohesion cue would read as a change of topic at every sub-head).
TOPIC_WORDS = ["民警", "群众", "交通", "安全", "巡逻", "案件", "调解", "消防", "学校", "企业", "防范", "宣传",
               "服务", "治安", "牧民", "草原", "冬季", "道路", "车辆", "诈骗", "矛盾", "纠纷", "隐患", "培训",
               "执法", "救援", "森林", "边境", "老人", "儿童"]


@st.composite
def sentence(draw, topic: tuple[str, ...] = ()) -> str:
    parts = draw(st.lists(words(4, 14), min_size=1, max_size=4))
    if topic:
        parts = [part + draw(st.sampled_from(topic)) for part in parts]
    comma = draw(st.sampled_from(["，", ","]))
    return comma.join(parts) + "。"


@st.composite
def paragraph_text(draw, topic: tuple[str, ...] = ()) -> str:
    text = "".join(draw(st.lists(sentence(topic), min_size=2, max_size=4)))
    return text


@st.composite
def article(draw) -> tuple[list[str], ExpectedArticle]:
    """Source lines (blank-line separated chunks) and the expected parse."""
    shape = draw(st.sampled_from(["title", "kicker", "couplet", "three"]))
    title = draw(line_opening(headline_words(6, 14)))
    kicker = subtitle = None
    head: list[str] = []
    if shape == "title":
        head = [title]
    elif shape == "kicker":
        # A kicker with a space is never a couplet.
        kicker = draw(line_opening(words(3, 6))) + " " + draw(headline_words(3, 6))
        head = [kicker, title]
    elif shape == "couplet":
        title = draw(line_opening(headline_words(7, 7)))
        subtitle = draw(line_opening(headline_words(7, 7)))
        head = [title + "\n" + subtitle]
    else:
        kicker = draw(line_opening(words(3, 6))) + " " + draw(headline_words(3, 6))
        subtitle = "——" + draw(headline_words(6, 12))
        head = [kicker, title, subtitle]
    expected = ExpectedArticle(kicker, title, subtitle.lstrip("—") if subtitle else None, None, [])
    chunks = list(head)
    if draw(st.booleans()):
        caption = draw(words(3, 10)) + "。"
        chunks.append(caption)
        expected.blocks.append(("figure", caption))
    dateline = draw(st.none() | st.sampled_from(PLACES))
    topic = tuple(draw(st.lists(st.sampled_from(TOPIC_WORDS), min_size=3, max_size=3, unique=True)))
    paragraphs = draw(st.lists(paragraph_text(topic), min_size=1, max_size=4))
    for index, text in enumerate(paragraphs):
        if index and draw(st.integers(0, 3)) == 0:
            heading = draw(line_opening(words(4, 5))) + " " + draw(headline_words(4, 5))
            chunks.append(heading)
            expected.blocks.append(("heading", heading))
        expected.blocks.append(("paragraph", text.replace(",", "，")))
        source = text
        if index == 0 and dateline:
            source = f"{dateline}讯 {text}"
            expected.dateline = dateline
        # A page break inside a word: never right after punctuation.  The part
        # before the break must be recognisable as running text (a clause mark
        # in it, or longer than any headline): a short comma-free fragment
        # standing alone between blank lines reads as a headline to a person too.
        cuts = [
            i
            for i in range(8, len(source) - 4)
            if source[i - 1] in COMMON
            and source[i] in COMMON
            and ("，" in source[:i] or "," in source[:i] or i > 40)
            and not source[i:].startswith(CAPTION_OPENERS)  # a line opening 上图… is a caption by its form
        ]
        if cuts and draw(st.booleans()):
            cut = draw(st.sampled_from(cuts))
            gap = "\n" * draw(st.sampled_from([1, 2, 4]))
            source = source[:cut] + gap + source[cut:]
        chunks.append(source)
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True))
    expected.bylines = names
    byline = "(" + " ".join(names) + ")"
    if draw(st.booleans()):
        chunks[-1] += byline
    else:
        chunks.append(byline)
    return chunks, expected


@st.composite
def print_issue(draw) -> GeneratedIssue:
    parts = draw(st.lists(article(), min_size=1, max_size=4))
    chunks: list[str] = []
    expected: list[ExpectedArticle] = []
    for article_chunks, article_expected in parts:
        chunks.extend(article_chunks)
        expected.append(article_expected)
    return GeneratedIssue("\n\n".join(chunks) + "\n", expected)
