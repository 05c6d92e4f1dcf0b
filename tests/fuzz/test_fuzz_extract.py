# Fuzzes segmentation + extraction: kg.pipeline.run.analyse and kg.analyse.resolve.resolve on text mixing Chinese, lexicon
# names, cue words, Latin names with digits / dots / hyphens, punctuation and markup.
# Longer run: KG_FUZZ_EXAMPLES=2000 python -m pytest tests/fuzz
"""Property-based tests of mention offsets, relation evidence and domain / range after resolution."""

from __future__ import annotations

from fuzz_common import FUZZ, loaded
from hypothesis import given
from hypothesis import strategies as st

from kg.core.config import Settings
from kg.ingest.articles import parse_document
from kg.core.model import Extraction
from kg.pipeline.run import analyse
from kg.analyse.resolve import resolve

RESOURCES, EXTRACTORS = loaded()
ONTOLOGY = RESOURCES.ontology

NAMES = sorted({name for entry in ONTOLOGY.entries for name in (entry.label, entry.label_en, *entry.aliases) if name})
CUES = sorted({word for words in ONTOLOGY.cues.values() for word in words})
CHINESE = ("需要", "掌握", "公司", "招聘", "岗位", "能力", "和", "、", "的", "是一种", "基于", "生成", "图片", "视频",
           "产品经理", "工程师", "模型", "我们", "大模型", "应用层", "基础设施层：", "其中", "比如")
PUNCTUATION = ("。", "，", "；", "：", "！", "？", "、", ",", ".", ";", ":", "!", "?", "（", "）", "(", ")", "“", "”",
               "《", "》", "-", "/", "\n", "\n\n", " ", "\u3000", "\u200b", "🤖")
MARKUP = ("# ", "## ", "### ", "**", "* ", "1. ", "> ", "`", "[", "](https://x.y/a)", "![](a.png)", "https://a.b/c",
          "**（1）", "**二、", '{% hint style="info" %}\n**Title:** ', "\n{% endhint %}\n", "<b>", "---")
LATIN = st.from_regex(r"[A-Z][A-Za-z]{0,6}(?:[-. ]?[0-9]{1,2}(?:\.[0-9])?)?(?:-[A-Za-z]{1,5})?", fullmatch=True)
BY_CLASS = {cls: sorted({entry.label for entry in ONTOLOGY.entries if entry.cls == cls}) for cls in ONTOLOGY.classes}
TYPED = st.sampled_from(sorted(cls for cls, names in BY_CLASS.items() if names)).flatmap(
    lambda cls: st.sampled_from(BY_CLASS[cls]))  # a name of a random class, so every class pair is tried
TRIGGERS = sorted({word for name, words in ONTOLOGY.cues.items() if name.endswith("Trigger") for word in words})
NAME = st.sampled_from(NAMES) | LATIN | TYPED
CLAUSE = st.tuples(NAME, st.sampled_from(TRIGGERS), NAME, st.sampled_from(("、", "和", "，")), NAME,
                   st.sampled_from("。；！\n"))
PIECE = st.one_of(CLAUSE.map("".join), CLAUSE.map("".join), NAME, st.sampled_from(CUES), st.sampled_from(CHINESE),
                  st.sampled_from(PUNCTUATION), st.sampled_from(MARKUP), st.text(max_size=4))  # clauses weighted twice
ARTICLE = st.lists(PIECE, min_size=1, max_size=60).map("".join)


def _analyse(texts: list[str]) -> list[Extraction]:
    """Parse and analyse each text as its own document."""
    return [analyse(parse_document(text, f"d{i}.md", f"d{i}.md", "utf-8"), RESOURCES, EXTRACTORS)
            for i, text in enumerate(texts)]


@FUZZ
@given(text=ARTICLE)
def test_mentions_and_evidence_slice_the_text(text: str) -> None:
    """Every mention's surface and every relation's evidence sentence are exact slices of the document text."""
    (state,) = _analyse([text])
    doc_text = state.document.text
    for mention in state.mentions:
        assert 0 <= mention.start < mention.end <= len(doc_text), mention
        assert doc_text[mention.start:mention.end] == mention.surface, mention
    for relation in state.relations:
        evidence = relation.evidence
        assert 0 <= evidence.start < evidence.end <= len(doc_text), evidence
        assert doc_text[evidence.start:evidence.end] == evidence.sentence, evidence
        assert relation.predicate in ONTOLOGY.properties


@FUZZ
@given(texts=st.lists(ARTICLE, min_size=1, max_size=3))
def test_resolved_facts_respect_domain_and_range(texts: list[str]) -> None:
    """After resolution every fact joins two distinct entities whose classes the property allows."""
    resolved = resolve(_analyse(texts), ONTOLOGY, RESOURCES.lexicon, Settings().min_confidence)
    classes = {entity.key: entity.cls for entity in resolved.entities}
    for fact in resolved.facts:
        spec = ONTOLOGY.properties[fact.predicate]
        assert fact.subject != fact.object
        assert classes[fact.subject] in spec.domain, fact
        assert classes[fact.object] in spec.range, fact
        assert fact.evidence
    for _, key, _ in resolved.mentions:
        assert key in classes
