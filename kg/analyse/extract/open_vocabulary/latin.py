"""Latin-script names (FLUX.1, DALL-E 3, Runway Gen-3 Alpha, Suno Inc): found from their shape, versions of
known products, and typed from the words around them."""

from __future__ import annotations

import functools
import re

from wordfreq import zipf_frequency

from kg.analyse.extract.context import find_cue
from kg.analyse.extract.mentions import in_links, link_ranges, new_mention, overlaps
from kg.analyse.extract.open_vocabulary.shapes import Spans, list_noun_class
from kg.core.model import Document, Mention, Sentence, Token
from kg.core.normalize import is_cjk, match_key


# A Latin-script name: words joined by '.', '-', '+' or single spaces before a version / capitalised word,
# e.g. "FLUX.1", "DALL-E 3", "Stable Diffusion 3", "Leonardo.Ai", "Runway Gen-2", "C++"; never the end of 7-Eleven.
LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?<![A-Za-z][’'])(?<![0-9]-)[A-Za-z][A-Za-z0-9]*(?:[+#]+|(?:[.\-][A-Za-z0-9]+)|[’'][A-Z][A-Za-z]*"
    r"|(?: (?=[A-Z0-9])[A-Za-z0-9][A-Za-z0-9.\-]*))*"
)  # (La’Zette Lafontant, O'Brien: an apostrophe joins, and a name never starts after one)
LATIN_ORG_SUFFIX = re.compile(r"Inc|Labs?|AI|Technologies|Technology|Corp|Corporation|Ltd|Co|Group|Studio")
ABBREVIATED_SUFFIXES = ("Inc", "Corp", "Ltd", "Co")
COMMON_WORD = re.compile(r"[a-z](?:ing|ion|al|ive|ed)$")  # Coding, Routing, Fusion, Conditional: no proper name
VERSIONED = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}[.\- ]v?\d")  # GPT-5, FLUX.1, DALL-E 3 — not 'chatgpt6'
NOT_A_VERSION = re.compile(r"(?:19|20)\d\d(?!\.\d)|\d+\s*[-~～]\s*\d|^(?:Part|Step|Day|Top|Phase|Level|Round|Vol|Chapter|Lesson|"
                           r"Week|No|Case|Page|Q|P)\b")  # a year, a range or a numbered part: Eventbrite 2024, Day 26-30, Part 1
COUNT_UNITS = "年月日号天周时分秒%‰倍个件款家位名人岁亿万千百元块次张条篇期届代美+"  # 美元, 10+
EDITION = r"(?:Pro|Turbo|Alpha|Max|Plus|mini|Mini|Ultra|Lite|Nano|Flash|Air|Large|Speed|Omni|Coder|Preview|XL)"
VERSION_SUFFIX = re.compile(
    r"[ \-]?(?:(?:[Vv]\d+(?:\.\d+)*|\d+(?:\.\d+)?[Bb](?![A-Za-z])|\d+(?:\.\d+)*(?!\s?[\d" + COUNT_UNITS + r"])|Gen-?\d+)"  # not 微信 10 亿
    r"(?:[ \-]?" + EDITION + r")?|" + EDITION + r")(?![A-Za-z0-9.])"  # MiniCPM-2B, 豆包大模型1.5 Pro, Gemini Nano, 混元Large
)
RANGE_END = re.compile(r"[\-~～]\d+(?:\.\d+)?")
LATIN_VERSION = re.compile(r"[ \-]?[Vv]?\d+(?:\.\d+)*[A-Za-z]?$")  # Qwen1.5 → Qwen, GPT4o → GPT
MINOR_VERSION = re.compile(r"\.\d+$")  # GLM-4.5 → GLM-4
MAKER_BEFORE = re.compile(r"(?:的|旗下的?|(?:最新|正式|刚刚|又|也)?(?:推出|发布|开源|上线|公布)了?(?:新一代的?|最新的?|新的?)?"
                          r"|(?:推出|发布|开源|打造|开发|研发|自研)的)$")  # 字节的X, 发布了X, 推出的X
INTRODUCED_AS = re.compile(r"(?:也|则|就)?(?:是|为)一(?:(款)|(家)|[个种][^，,。；;！？!?]{0,10}?"
                           r"(?:应用|工具|产品|平台|模型|App|APP|助手|软件|插件|网站|引擎|框架|智能体))")  # Vega是一款…工具
MADE_PHRASE = re.compile(r"(?:是|为|，是)[^，,。；;！？!?]{0,14}(?:推出|发布|开发|打造|出品|研发|上线)的")  # X是快手推出的…
MODIFIABLE = frozenset({"Technology", "Product"})  # Naive RAG; but My AI is a product, not a kind of AI
NOT_A_NAME = re.compile(r"^(?:top|Top|TOP)\s?\d+$|[A-Za-z](?:19[5-9]\d|20[0-3]\d)$")  # a ranking, a name glued to a year (GPT2023年末)
SHORT_ACRONYM = re.compile(r"[A-Z0-9]{2,3}")
MODEL_ID_VERSION = re.compile(r"v\d+(?:\.\d+)*|\d+(?:\.\d+)?[bkm]|[a-z]\d+(?:\.\d+)?")  # v3, 8k, 70b, m3, o3
MODEL_ID_PART = re.compile(r"[a-z]{3,}|\d+(?:\.\d+)*")  # embedding, mini, 0324
MODEL_ID_CONFIDENCE = 0.7
STRONG_LATIN_RULES = frozenset({"open:latin-made-by-phrase", "open:latin-after-product-noun", "open:latin-org-context",
                                "open:latin-version-of-product"})
CONTEXT_TYPED_RULES = STRONG_LATIN_RULES | {"open:latin-after-maker", "open:latin-introduced-product",
                                             "open:latin-introduced-company"}  # 字节的PixelWave, Vega是一款…工具
COMMON_ENGLISH_ZIPF = 4.0  # 'web', 'flow', 'market', 'operator' (≥ 10 per million words); 'Claude' 3.8, 'Sora' 3.0
FUNCTION_WORD_ZIPF = 5.5  # 'all', 'new', 'one', 'more': never a name, whatever the context
PERSON_NAME = re.compile(r"(?:[A-Z][a-z]+|[A-Z][a-z]*[’'][A-Z][a-z]+) [A-Z][a-z]+(?<!tion)(?<!ment)(?<!ing)(?<!ity)(?<!ics)")  # Eric Yuan, Sam Altman; not Layer Normalization
PERSON_WINDOW = 6
GLOSS_AFTER = re.compile(r"\s*[（(][^（()）\n]{1,40}[)）]")  # a bracketed gloss right after a name
LATIN_PER_HAN = 3  # Latin letters per Chinese character above which a sentence is quoted English, not prose
LIST_SEPARATORS = "、，,/和与及"


def _model_id(name: str) -> bool:
    """True for a lowercase model identifier: hyphenated parts that are words of three letters or more, numbers or
    versions, with a word and a version among them (text-embedding-v3, bge-reranker-v2-m3, k0-math; not top-1,
    soul-24h, subj3ct-v3rb)."""
    parts = name.split("-")
    return len(parts) > 1 and all(MODEL_ID_VERSION.fullmatch(p) or MODEL_ID_PART.fullmatch(p) for p in parts) \
        and any(MODEL_ID_VERSION.fullmatch(p) for p in parts) and any(re.fullmatch(r"[a-z]{3,}", p) for p in parts)


def version_after(text: str, end: int, limit: int) -> re.Match | None:
    """The version written right after a name ending at `end` (Pika 2.0, MiniCPM-2B, Gemini Nano), or None; never
    a year, a numbered part or the second end of a range (GPT 3.5-4)."""
    match = VERSION_SUFFIX.match(text, end, limit)
    if match is None or NOT_A_VERSION.search(match.group()) \
            or text[end - 1:end].isdigit() and RANGE_END.fullmatch(match.group()):
        return None
    return match


class LatinNames:
    """Finds and types Latin-script names and product versions (_latin_names, _versions).

    A mixin of OpenVocabularyExtractor, whose __init__ reads the cue words it uses."""

    # ------------------------------------------------------------ Pika 2.0, 可灵1.5, Runway Gen-3 Alpha
    def _versions(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A known product followed by a version is a product of its own (Stable Diffusion 3 ≠ Stable Diffusion)."""
        for product in (m for m in known if m.cls == "Product"):
            match = version_after(doc.text, product.end, sentence.end)
            if match is None or any(m is not product and overlaps(m, product.start, match.end()) for m in known):
                continue
            yield new_mention(doc, product.start, match.end(), "Product", "open:product-version", 0.85), [product]

    # ------------------------------------------------------------ Latin-script names
    def _latin_names(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], taken: list[Mention]):
        """Unknown Latin-script names typed from the words around them."""
        found = []
        spans = Spans(taken)
        links = link_ranges(sentence)
        quoted = None  # whether the sentence is quoted English: counted once, when first needed
        for match in LATIN_NAME.finditer(sentence.text):
            name = match.group().rstrip(".-")
            start = sentence.start + match.start()
            end = start + len(name)
            key = match_key(name)
            if len(key) < 2 or key in self.latin_stop or key.isdigit():
                continue
            if in_links(start, end, links):
                continue
            inside = spans.overlapping(start, end)  # never one of `found`: they lie in earlier matches
            if _model_id(name) and all(start <= m.start and m.end <= end for m in inside):
                found.append(new_mention(doc, start, end, "Product", "open:model-id", MODEL_ID_CONFIDENCE))
                yield found[-1], inside  # text-embedding-v3, moonshot-v1-8k, o3-mini: a model's API name
                continue
            if inside:
                modified = self._modified_name(doc, start, end, name, inside) or self._suffixed_name(doc, start, end, inside) \
                    or _branded_name(doc, start, end, inside)
                if modified is not None:
                    found.append(modified)
                    yield modified, inside
                continue
            if not any(ch.isupper() for ch in name) or NOT_A_NAME.search(name):
                continue  # 'there', 'vs', 't00lz', 'TOP100', 'CapCut2024': not a proper name
            if quoted is None:
                quoted = _mostly_latin(sentence.text)
            if quoted:
                continue  # quoted English is no prose
            cls, confidence, rule = self._type_latin(doc, sentence, start, end, name, spans)
            if common_english(name) >= (COMMON_ENGLISH_ZIPF if rule not in CONTEXT_TYPED_RULES else FUNCTION_WORD_ZIPF):
                continue  # All in, Web端, Flow, Premium版: an English word, not a name, unless the context says so
            if SHORT_ACRONYM.fullmatch(name) and rule not in STRONG_LATIN_RULES:
                confidence = min(confidence, 0.5)  # KS, TV, P2P, VPN: a short acronym's list-mates do not type it
            found.append(new_mention(doc, start, end, cls, rule, confidence))
            yield found[-1], []

    def _modified_name(self, doc: Document, start: int, end: int, name: str, inside: list[Mention]) -> Mention | None:
        """A capitalised word before a known Latin name it ends with is one name of the head's class (Naive RAG,
        Advanced RAG); never when the word is itself known (OpenAI GPT-4) or a stopword. A technology variant is
        credible (in the graph) only with a technical modifier, a hyphen (U-ViT) or in a line about evolution;
        MediSim VR or Shift Robotics name a product or a company."""
        head = inside[0]
        modifier = name[: head.start - start].rstrip()
        if len(inside) != 1 or head.cls not in MODIFIABLE or head.end != end or head.start <= start or " " in modifier or not modifier[:1].isupper() \
                or match_key(modifier) in self.latin_stop or self.lexicon.lookup(modifier) is not None:
            return None
        credible = head.cls != "Technology" or modifier.endswith("-") or match_key(modifier) in self.tech_modifiers \
            or COMMON_WORD.search(modifier) \
            or find_cue(self.evolution, _line_around(doc.text, start, end)) is not None
        return new_mention(doc, start, end, head.cls, "open:latin-modified-name", 0.7 if credible else 0.5)

    def _suffixed_name(self, doc: Document, start: int, end: int, inside: list[Mention]) -> Mention | None:
        """A known Latin name followed by a hyphen and an unknown word is another name of the same class
        (AnimateDiff-Lightning is not AnimateDiff; 循环神经网络-Transformer-ChatGPT stays a chain of known names);
        followed by a company suffix it is the company (Suno Inc, Perplexity AI)."""
        head = inside[0]
        rest = doc.text[head.end + 1:end]
        if len(inside) != 1 or head.start != start or not rest[:1].isalpha():
            return None
        if doc.text[head.end] == " " and head.cls in ("Product", "Organization") and LATIN_ORG_SUFFIX.fullmatch(rest):
            end += rest in ABBREVIATED_SUFFIXES and doc.text[end:end + 1] == "."  # Suno Inc., Perplexity AI
            return new_mention(doc, start, end, "Organization", "open:latin-org-suffix", 0.75)
        if head.cls not in MODIFIABLE or doc.text[head.end] != "-" or self.lexicon.lookup(rest) is not None:
            return None
        return new_mention(doc, start, end, head.cls, "open:latin-suffixed-name", 0.7)

    def _near_person_word(self, text: str, sentence: Sentence, start: int, end: int) -> bool:
        """True when a person word (表示, 创始人, CEO…) sits within a few characters before or after the name, or in the
        bracket right after it (Chris Sacca（Twitter早期天使投资人）)."""
        gloss = GLOSS_AFTER.match(text, end, sentence.end)
        around = text[max(sentence.start, start - PERSON_WINDOW):start] + "|" + text[end:min(sentence.end, end + PERSON_WINDOW)]
        return find_cue(self.person_context, around) is not None \
            or gloss is not None and find_cue(self.person_gloss, gloss.group()) is not None

    def _after_maker(self, text: str, sentence: Sentence, start: int, end: int, name: str, spans: Spans) -> bool:
        """True for a name right after an organisation's 的 / 旗下 / 发布了 (字节的PixelWave, MiniMax发布了M1) that is
        no person (DeepMind的David Pfau, 哈佛大学的Brooks教授)."""
        maker = MAKER_BEFORE.search(text[sentence.start:start].rstrip(" “\"《"))
        if maker is None or PERSON_NAME.fullmatch(name) or self._near_person_word(text, sentence, start, end):
            return False
        maker_end = sentence.start + maker.start()
        return any(m.cls == "Organization" and m.end == maker_end for m in spans.overlapping(maker_end - 1, start))

    def _type_latin(self, doc, sentence, start, end, name, spans) -> tuple[str, float, str]:
        """Class, confidence and rule for a Latin name, from what follows it and what it is listed with."""
        after = doc.text[end:sentence.end].lstrip()
        if any(after.startswith(word) for word in self.org_context):
            return "Organization", 0.8, "open:latin-org-context"
        stems = {LATIN_VERSION.sub("", name), MINOR_VERSION.sub("", name)} - {name}  # Qwen1.5 → Qwen, GLM-4.5 → GLM-4
        if any((known := self.lexicon.lookup(stem)) is not None and known.cls == "Product" for stem in sorted(stems)):
            return "Product", 0.8, "open:latin-version-of-product"
        if self._after_maker(doc.text, sentence, start, end, name, spans):
            return "Product", 0.75, "open:latin-after-maker"  # 华为发布Mate 60、苹果发布iPhone 15: made, whatever is listed next
        neighbours = [m for m in spans.overlapping(start - 4, end + 4) if _listed_together(doc.text, m, start, end)]
        if neighbours and list_noun_class(doc.text, end, sentence.end) == "Organization":
            return "Organization", 0.7, "open:latin-company-list"  # Notion、Robinhood 和 Front 等公司
        if any(m.cls == "Product" for m in neighbours):
            return "Product", 0.8, "open:latin-listed-with-product"
        if any(m.cls == "Organization" for m in neighbours):
            return "Organization", 0.7, "open:latin-listed-with-org"
        cut, head = next(((cut, entry) for cut in range(1, len(name) - 2) if name[cut].isupper() and name[cut - 1].islower()
                          and (entry := self.lexicon.lookup(name[cut:])) is not None), (0, None))
        if head is not None and head.cls == "Technology" and match_key(name[:cut]) not in self.tech_modifiers:
            return "Product", 0.6, "open:latin-compound-of-known-head"  # SwiftAgent, not a kind of agent
        if head is not None and head.cls in ("Technology", "Product"):
            return head.cls, 0.7, "open:latin-compound-of-known-head"
        lead = doc.text[sentence.start:start].rstrip(" “\"《")
        introduced = INTRODUCED_AS.match(after)
        if introduced is not None:
            return ("Organization", 0.75, "open:latin-introduced-company") if introduced.group(2) \
                else ("Product", 0.75, "open:latin-introduced-product")  # Vega是一款AI视频工具
        if MADE_PHRASE.match(after):
            return "Product", 0.75, "open:latin-made-by-phrase"
        if any(lead.endswith(word) for word in self.product_nouns):
            return "Product", 0.75, "open:latin-after-product-noun"
        tail = doc.text[end:sentence.end]
        if "等" in tail and any(word in tail.split("等", 1)[1][:6] for word in self.product_context):
            return "Product", 0.75, "open:latin-product-list"
        if PERSON_NAME.fullmatch(name) and self._near_person_word(doc.text, sentence, start, end):
            return "Person", 0.7, "open:latin-person-context"
        if VERSIONED.search(name) and not NOT_A_VERSION.search(name):  # an unknown stem + number: Part 1 or Gemma 7
            released = find_cue(self.release_words, doc.text[sentence.start:sentence.end]) is not None
            return "Product", 0.65 if released else 0.5, "open:latin-versioned"
        return "Concept", 0.4, "open:latin-untyped"


def _branded_name(doc: Document, start: int, end: int, inside: list[Mention]) -> Mention | None:
    """A Latin name of several words that opens with a known company or product and ends with a known product is a
    product of its own: Siemens Industrial Copilot, NOMI GPT (蔚来把NOMI升级成了NOMI GPT); a company and its product
    alone (Google Gemini) name that product, and names joined by hyphens are a line of them (GPT-3-GPT-4)."""
    first, last = inside[0], inside[-1]
    if first.start != start or last.end != end or first is last or last.cls != "Product" \
            or doc.text[first.end] != " " or doc.text[last.start - 1] != " " \
            or first.cls not in ("Organization", "Product") or any(m.cls not in ("Organization", "Product") for m in inside) \
            or first.cls == "Organization" and len(inside) == 2 and not doc.text[first.end:last.start].strip():
        return None
    return new_mention(doc, start, end, "Product", "open:latin-branded-name", 0.7)


@functools.lru_cache(maxsize=4096)
def common_english(name: str) -> float:
    """How everyday an English word a one-word name is, as its Zipf frequency in English (Web 4.7, All 6.5,
    Midjourney 0); 0 for names of several words, digits or signs."""
    return zipf_frequency(name.lower(), "en") if name.isalpha() else 0.0


def _line_around(text: str, start: int, end: int) -> str:
    """The line of text that holds [start, end)."""
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1: line_end if line_end >= 0 else len(text)]


def _listed_together(text: str, mention: Mention, start: int, end: int) -> bool:
    """True when only a list separator (and spaces or quotes) lies between the mention and [start, end)."""
    gap = text[mention.end:start] if mention.end <= start else text[end:mention.start]
    stripped = gap.strip(" \u3000“”\"'「」【】*")
    return 0 < len(gap) <= 4 and len(stripped) == 1 and stripped in LIST_SEPARATORS


def _mostly_latin(text: str) -> bool:
    """True for a sentence of quoted English (a prompt, a passage): Latin letters outweigh its Chinese characters
    several times over (a Latin name in Chinese prose never does)."""
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    return latin > LATIN_PER_HAN * sum(is_cjk(ch) for ch in text)
