"""Open vocabulary: names the lexicon does not know — Latin product names, …产品经理 roles, …能力 skills,
organisation-prefixed products — found from their shape and typed from their context, with a confidence."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.analyse.extract import register
from kg.analyse.extract.context import find_cue, list_lead
from kg.analyse.extract.mentions import (
    by_sentence,
    in_links,
    link_ranges,
    new_mention,
    overlaps,
    with_mentions,
)
from kg.analyse.extract.resources import Resources
from kg.core.model import Document, Extraction, Mention, Sentence, Token
from kg.core.normalize import is_cjk, match_key

# A Latin-script name: words joined by '.', '-', '+' or single spaces before a version / capitalised word,
# e.g. "FLUX.1", "DALL-E 3", "Stable Diffusion 3", "Leonardo.Ai", "Runway Gen-2", "C++".
LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[+#]+|(?:[.\-][A-Za-z0-9]+)|(?: (?=[A-Z0-9])[A-Za-z0-9][A-Za-z0-9.\-]*))*"
)
LATIN_ORG_SUFFIX = re.compile(r"Inc|Labs?|AI|Technologies|Technology|Corp|Corporation|Ltd|Co|Group|Studio")
ABBREVIATED_SUFFIXES = ("Inc", "Corp", "Ltd", "Co")
COMMON_WORD = re.compile(r"[a-z](?:ing|ion|al|ive|ed)$")  # Coding, Routing, Fusion, Conditional: no proper name
EXPERIENCE = "经验"  # 游戏策划经验, 金融行业经验: experience of a known role or industry is a skill of its own
EXPERIENCE_OF = ("Role", "Industry")
VERSIONED = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}[.\- ]v?\d")  # GPT-5, FLUX.1, DALL-E 3 — not 'chatgpt6'
NOT_A_VERSION = re.compile(r"(?:19|20)\d\d(?!\.\d)|\d+\s*[-~～]\s*\d")  # a year or a range: Eventbrite 2024, Day 26-30
COUNT_UNITS = "年月日号天周时分秒%‰倍个件款家位名人岁亿万千百元块次张条篇期届代"
VERSION_SUFFIX = re.compile(
    r"[ \-]?(?:[Vv]\d+(?:\.\d+)*|\d+(?:\.\d+)*(?![\d" + COUNT_UNITS + r"])|Gen-?\d+)"
    r"(?:[ \-](?:Pro|Turbo|Alpha|Max|Plus|mini|Ultra|XL))?(?![A-Za-z0-9.])"
)
LATIN_VERSION = re.compile(r"[ \-]?[Vv]?\d+(?:\.\d+)*[A-Za-z]?$")  # Qwen1.5 → Qwen, GPT4o → GPT
MADE_PHRASE = re.compile(r"(?:是|为|，是)[^，,。；;！？!?]{0,14}(?:推出|发布|开发|打造|出品|研发|上线)的")  # X是快手推出的…
MODIFIABLE = frozenset({"Technology", "Product"})  # Naive RAG; but My AI is a product, not a kind of AI
GENERIC_LATIN = frozenset({"AI", "AIGC", "APP", "GPT", "LLM"})
AI_ROLE_PREFIX = re.compile(r"(?<![A-Za-z0-9])(?:AIGC|AI|大模型) ?$")
PROPER_TAGS = frozenset({"", "x", "nr", "nrt", "nrfg", "ns", "nz"})  # a word jieba does not know, or a name
MIN_ORG_NAME, MAX_ORG_NAME = 2, 4
CLAUSE_ENDINGS = frozenset({"时", "时候", "之后", "以后", "之前", "以前", "期间"})  # 营销人沟通时: a clause of time
NOT_A_NAME_END = set("在和的是与了把被从向对给于里")  # 吴嘉在集团: a person and a preposition before the suffix
NOT_A_NAME_START = set("这那有更招在于举一是的和与把被让给对从向如像而据经")  # 这是影眸科技, 招入公司: a clause, not a name
NOT_A_NAME = re.compile(r"^(?:top|Top|TOP)\s?\d+$|[a-z](?:19|20)\d\d$")  # a ranking, a name glued to a year
SHORT_ACRONYM = re.compile(r"[A-Z0-9]{2,3}")
STRONG_LATIN_RULES = frozenset({"open:latin-made-by-phrase", "open:latin-after-product-noun", "open:latin-org-context",
                                "open:latin-version-of-product"})
PERSON_NAME = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+(?<!tion)(?<!ment)(?<!ing)(?<!ity)(?<!ics)")  # Eric Yuan, Sam Altman; not Layer Normalization
PERSON_WINDOW = 6
LATIN_PER_HAN = 3  # Latin letters per Chinese character above which a sentence is quoted English, not prose
LIST_SEPARATORS = "、，,/和与及"
MAX_PREFIX_TOKENS = 3
MAX_PREFIX_CHARS = 10


@register("open_vocabulary")
class OpenVocabularyExtractor:
    """Finds and types unknown names; each new mention carries a confidence and the rule that found it."""

    def __init__(self, resources: Resources) -> None:
        cue = resources.ontology.cue
        self.role_heads = tuple(sorted(cue("roleHead")))
        self.skill_heads = cue("skillHead")
        self.skill_leads = cue("skillLead")
        self.team_heads = cue("teamHead")
        self.not_personal = cue("notPersonalCapability")
        self.org_suffixes = cue("organizationSuffix")
        self.team_functions = cue("teamFunction")
        self.product_heads = cue("productHead")
        self.product_context = cue("productContext")
        self.org_context = cue("organizationContext")
        self.product_nouns = cue("productNoun")
        self.person_context = cue("personContext")
        self.generic_modifiers = cue("genericProductModifier")
        self.capability_holders = cue("capabilityHolder")
        self.breaks = cue("nameBreak")
        self.leads = cue("nameLead")
        self.lead_lengths = sorted({len(word) for word in self.leads}, reverse=True)
        self.descriptive = cue("descriptiveModifier")
        self.requires = cue("requiresTrigger")
        self.requirement_headings = cue("requirementHeading")
        self.latin_stop = frozenset(match_key(w) for w in cue("latinStopword"))
        self.tech_modifiers = frozenset(match_key(w) for w in cue("technologyModifier"))
        self.evolution = cue("evolutionTrigger") | cue("lineageTrigger")
        self.lexicon = resources.lexicon

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        added: list[Mention] = []
        removed: set[Mention] = set()
        first_role: Mention | None = None  # _lead_skill reads "a role is named" over the whole article so far
        previous: list[Mention] = []  # found in the sentence before: _versions may still extend them
        for sentence, tokens, known in zip(doc.sentences, state.tokens, by_sentence(state.mentions, doc.sentences)):
            here: list[Mention] = []
            earlier = [first_role] if first_role is not None and first_role not in previous else []
            for finder in (self._headed, self._ai_roles, self._versions, self._listed, self._latin_names,
                           self._org_products, self._suffixed_orgs):
                near = earlier + previous + here  # what a finder can touch: never the mentions of far sentences
                taken = [m for m in known if m not in removed] + near
                for mention, covered in finder(doc, sentence, tokens, taken):
                    if not any(overlaps(m, mention.start, mention.end) for m in near):
                        here.append(mention)
                        near.append(mention)
                        removed.update(covered)
            added.extend(here)
            previous = here
            first_role = first_role or next((m for m in here if m.cls == "Role"), None)
        return with_mentions(state, added, removed)

    # ------------------------------------------------------------ …产品经理 roles and …能力 / 懂… skills
    def _headed(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """Role and skill names built from a head token and the content tokens before it."""
        for index, token in enumerate(tokens):
            role_head = token.text.endswith(self.role_heads)
            if role_head or token.text in self.skill_heads or token.text in self.team_heads:
                cls = "Role" if role_head else "Team" if token.text in self.team_heads else "Skill"
                found = self._with_prefix(doc, sentence, tokens, index, known, cls)
                if found is not None:
                    yield found
            elif token.text in self.skill_leads and index + 1 < len(tokens):
                found = self._lead_skill(doc, sentence, tokens, index, known)
                if found is not None:
                    yield found

    def _ai_roles(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A known role behind AI / AIGC / 大模型 is the AI variant of that role (AI游戏策划, AIGC运营)."""
        for role in (m for m in known if m.cls == "Role" and m.rule == "lexicon"):
            prefix = AI_ROLE_PREFIX.search(doc.text, max(sentence.start, role.start - 5), role.start)
            if prefix is not None and not any(m is not role and overlaps(m, prefix.start(), role.end) for m in known
                                              if m.cls != "Concept" and m.cls != "Technology"):
                inside = [m for m in known if overlaps(m, prefix.start(), role.end)]
                yield new_mention(doc, prefix.start(), role.end, "Role", "open:ai-prefixed-role", 0.8), inside

    def _prefix_start(self, tokens: tuple[Token, ...], index: int, known: list[Mention], cls: str) -> int:
        """Index of the first token of the name that ends with the head tokens[index]."""
        first = index
        chars = 0
        while first > 0 and index - first < MAX_PREFIX_TOKENS:
            before = tokens[first - 1]
            if before.end != tokens[first].start or before.text in self.breaks or not _is_name_part(before.text):
                break
            if not (_is_nounish(before) or _covered(before, known) or cls == "Skill" and _is_verbish(before)):
                break
            chars += len(before.text)
            if chars > MAX_PREFIX_CHARS:
                break
            first -= 1
        while first < index and (_is_verbish(tokens[first]) and not _covered(tokens[first], known)
                                 or self._opens_clause(tokens[first].text) or tokens[first].tag in NEVER_FIRST_TAGS):
            first += 1
        return first

    def _opens_clause(self, text: str) -> bool:
        """True for a token that is or starts with a clause-opening word (如, 例如, 考验, 初为…), or a lone digit."""
        return text in self.leads or text[:1].isdigit() or any(text.startswith(w) and len(w) > 1 for w in self.leads)

    def _well_formed(self, cls: str, prefix: str, inside: list[Mention], start: int) -> bool:
        """A name, not a description: a Role prefix names no organisation, product or person and no descriptive
        modifier (人类设计师, OpenAI研究员); a Skill prefix is short and names no model, product or holder."""
        if any(word in prefix for word in self.descriptive):
            return False
        if cls == "Role":
            return not any(m.cls in PERSONAL_HOLDERS and m.start == start for m in inside)
        if cls == "Team":
            return len(prefix) <= MAX_TEAM_PREFIX_CHARS and not any(m.cls in TEAM_OWNERS for m in inside)
        return len(prefix) <= MAX_SKILL_PREFIX_CHARS and not any(m.cls in MODEL_CLASSES for m in inside)

    def _wanted_of_a_person(self, doc: Document, sentence: Sentence, start: int) -> bool:
        """True when a skill-like name is a person's: not 'X的…能力' of a thing, and either after a requirement word
        in its clause or in a short list line under a heading about what a role needs (任职要求, 技能要求)."""
        clause = re.split(r"[，,。；;！？!?]", doc.text[sentence.start:start])[-1]
        if clause.rstrip("*").endswith("的") and not clause.rstrip("*")[:-1].endswith(PERSON_WORDS + self.role_heads):
            return False
        said = doc.text[sentence.start:start]
        if any(word in clause for word in self.requires) and (
                any(word in said for word in PERSON_SUBJECTS + JOB_REQUIREMENT) or any(head in said for head in self.role_heads)
                or any(head in h for h in sentence.section[1:] for head in self.role_heads)):
            return True  # a requirement stated of a person or a role, not of a model, a product or a company
        if sentence.end - sentence.start > SHORT_LINE:
            return False
        lead = list_lead(doc.text, sentence.start) or ""
        return any(word in heading for heading in sentence.section[1:] for word in self.requirement_headings) \
            or any(word in lead for word in self.requires)

    def _with_prefix(self, doc, sentence, tokens, index, known, cls) -> tuple[Mention, list[Mention]] | None:
        """A Role / Skill spanning prefix tokens + head token, replacing lexicon mentions it strictly contains."""
        first = self._prefix_start(tokens, index, known, cls)
        if first == index:
            return None
        start, end = tokens[first].start, tokens[index].end
        inside = [m for m in known if overlaps(m, start, end)]
        if any(m.start < start or m.end > end for m in inside):
            return None
        if any(m.start == start and m.end == end for m in inside):
            return None
        if not self._well_formed(cls, doc.text[start:tokens[index].start], inside, start):
            return None
        if cls == "Skill" and (_only_known_prefix(inside, start, tokens[index].start)
                               and not (tokens[index].text == EXPERIENCE and inside[0].cls in EXPERIENCE_OF)
                               or doc.text[start:tokens[index].start] in self.not_personal
                               or self._held_by_company(doc.text, end) or self._held_by_thing(doc.text, start, known)):
            return None
        rule = f"open:{cls.lower()}-head"
        if cls == "Team":
            prefix = doc.text[start:tokens[index].start]
            confidence = 0.7 if prefix.endswith(tuple(self.team_functions)) or self._domain_prefix(
                inside, start, tokens[index].start) else 0.5
        elif cls == "Role":
            confidence = 0.8
        else:
            confidence = 0.65 if self._wanted_of_a_person(doc, sentence, start) else 0.45
        return new_mention(doc, start, end, cls, rule, confidence), inside

    @staticmethod
    def _domain_prefix(inside: list[Mention], start: int, head_start: int) -> bool:
        """True when a known name of the domain fills the prefix of a team (算法团队, 数据标注团队): 专业团队, A团队,
        七人小组 describe a group rather than name a function."""
        return any(m.start == start and m.end == head_start for m in inside) or any(
            m.start == start for m in inside) and any(m.end == head_start for m in inside)

    def _held_by_thing(self, text: str, start: int, known: list[Mention]) -> bool:
        """True for 'X的…能力' where X is a company, model or concept, or a company word leads the clause."""
        clause = re.split(r"[，,。；;！？!?]", text[max(0, start - 20):start])[-1]
        if any(word in clause for word in self.capability_holders):
            return True
        owner = clause.rfind("的")
        return owner >= 0 and len(clause) - owner <= 4 and any(
            m.end == start - len(clause) + owner and m.cls in HOLDER_CLASSES for m in known)

    def _held_by_company(self, text: str, end: int) -> bool:
        """True for 'X能力的公司': a capability of a company, not a person's skill."""
        after = re.split(r"[，,。；;：:！？!?]", text[end:end + 12].replace("*", ""), maxsplit=1)[0]
        return after.startswith("的") and any(w in after for w in self.capability_holders)

    def _lead_skill(self, doc, sentence, tokens, index, known) -> tuple[Mention, list[Mention]] | None:
        """懂X: the lead word and one or two content tokens after it."""
        last = index + 1
        if tokens[last].text in self.breaks or not _is_nounish(tokens[last]):
            return None
        if last + 1 < len(tokens) and tokens[last + 1].text not in self.breaks and _is_name_part(tokens[last + 1].text) \
                and tokens[last + 1].start == tokens[last].end and len(tokens[last].text) == 1:
            last += 1
        start, end = tokens[index].start, tokens[last].end
        inside = [m for m in known if overlaps(m, start, end)]
        if inside:
            return None
        stated = self._wanted_of_a_person(doc, sentence, start) or any(m.cls == "Role" for m in known)
        return new_mention(doc, start, end, "Skill", "open:skill-lead", 0.6 if stated else 0.5), []

    # ------------------------------------------------------------ 语音识别、语音合成、语音转换: typed by list-mates
    def _listed(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], taken: list[Mention]):
        """Unknown items of a 、-list take the class most of the known items share (语音识别、语音转换、语音增强)."""
        spans = _Spans(taken)
        for items in _lists(sentence):
            known, unknown = [], []
            for start, end in items:
                start = self._after_lead(doc.text, start, end)
                inside = spans.overlapping(start, end)
                ending = [m for m in inside if m.end == end and m.start >= start]
                if ending and (ending[0].start == start or (start, end) == items[0]):
                    known.append((ending[0].cls, ending[0].surface))  # a first item may have a lead-in: 用于…
                elif all(start <= m.start and m.end <= end for m in inside) and self._nameable(doc.text[start:end]) \
                        and self._only_name_tokens(tokens, start, end, inside):
                    unknown.append((start, end, inside))
            for start, end, inside, cls in self._list_classes(doc.text, items, known, unknown):
                if all(m.cls != cls for m in inside):
                    confidence = self._listed_confidence(doc, sentence, start, cls)
                    yield new_mention(doc, start, end, cls, "open:list-coordination", confidence), inside

    def _listed_confidence(self, doc: Document, sentence: Sentence, start: int, cls: str) -> float:
        """How far a list item's class can be trusted: a list of concepts is a list of anything; a listed skill is
        a skill only where a person needs it (对话能力、记忆能力 of an agent are not); areas and content types from
        lists are often clauses, so they need a second article to pass."""
        if cls in WEAKLY_LISTED:
            return 0.5
        if cls == "Skill":
            return 0.7 if self._wanted_of_a_person(doc, sentence, start) else 0.45
        return 0.6 if cls in LOOSELY_LISTED else 0.7

    def _after_lead(self, text: str, start: int, end: int) -> int:
        """Start of a list item after a lead-in word (如餐饮连锁 → 餐饮连锁, 包括销售 → 销售)."""
        for length in self.lead_lengths:
            if text[start:start + length] in self.leads and end - start - length >= 2:
                return start + length
        return start

    def _only_name_tokens(self, tokens: tuple[Token, ...], start: int, end: int, inside: list[Mention]) -> bool:
        """True when the span starts and ends on token boundaries and holds no function word or clause opener."""
        within = [tok for tok in tokens if start <= tok.start and tok.end <= end]
        if not within or within[0].start != start or within[-1].end != end or within[-1].text in CLAUSE_ENDINGS:
            return False
        return not any((tok.text in self.breaks or tok.text in self.leads or tok.tag in NEVER_FIRST_TAGS)
                       and not _covered(tok, inside) for tok in within)

    @staticmethod
    def _list_classes(text: str, items, known: list[tuple[str, str]], unknown):
        """Class for each unknown item: the class the known items agree on, or that of a known item with the same
        head (Chinese compounds are head-final: 图像处理 is like 自然语言处理)."""
        classes = [cls for cls, _ in known]
        agreed = max(sorted(set(classes)), key=classes.count) if classes else ""
        majority = classes.count(agreed) >= 2 and classes.count(agreed) * 3 >= len(classes) * 2
        for start, end, inside in unknown:
            head = text[end - 2:end]
            same_head = [cls for cls, name in known if len(name) > 2 and name.endswith(head)]
            if same_head or majority:
                yield start, end, inside, same_head[0] if same_head else agreed

    def _nameable(self, text: str) -> bool:
        """True for a short run of letters that is not a function word: a plausible name."""
        shortest = 2 if text.isascii() else 3  # two-character Chinese items are mostly plain words: 训练、部署
        return shortest <= len(text) <= 8 and _is_name_part(text) and not any(w in text for w in LIST_BREAKS) \
            and text not in self.breaks

    # ------------------------------------------------------------ Pika 2.0, 可灵1.5, Runway Gen-3 Alpha
    def _versions(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A known product followed by a version is a product of its own (Stable Diffusion 3 ≠ Stable Diffusion)."""
        for product in (m for m in known if m.cls == "Product"):
            match = VERSION_SUFFIX.match(doc.text, product.end, sentence.end)
            if match is None or NOT_A_VERSION.search(match.group()) or any(m is not product and overlaps(m, product.start, match.end()) for m in known):
                continue
            yield new_mention(doc, product.start, match.end(), "Product", "open:product-version", 0.85), [product]

    # ------------------------------------------------------------ Latin-script names
    def _latin_names(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], taken: list[Mention]):
        """Unknown Latin-script names typed from the words around them."""
        found = []
        spans = _Spans(taken)
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
            if inside:
                modified = self._modified_name(doc, start, end, name, inside) or self._suffixed_name(doc, start, end, inside)
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
        """True when a person word (表示, 创始人, CEO…) sits within a few characters before or after the name."""
        around = text[max(sentence.start, start - PERSON_WINDOW):start] + "|" + text[end:min(sentence.end, end + PERSON_WINDOW)]
        return find_cue(self.person_context, around) is not None

    def _type_latin(self, doc, sentence, start, end, name, spans) -> tuple[str, float, str]:
        """Class, confidence and rule for a Latin name, from what follows it and what it is listed with."""
        after = doc.text[end:sentence.end].lstrip()
        if any(after.startswith(word) for word in self.org_context):
            return "Organization", 0.8, "open:latin-org-context"
        neighbours = [m for m in spans.overlapping(start - 4, end + 4) if _listed_together(doc.text, m, start, end)]
        if any(m.cls == "Product" for m in neighbours):
            return "Product", 0.8, "open:latin-listed-with-product"
        if any(m.cls == "Organization" for m in neighbours):
            return "Organization", 0.7, "open:latin-listed-with-org"
        stem = LATIN_VERSION.sub("", name)
        known = self.lexicon.lookup(stem) if stem != name else None
        if known is not None and known.cls == "Product":
            return "Product", 0.8, "open:latin-version-of-product"
        cut, head = next(((cut, entry) for cut in range(1, len(name) - 2) if name[cut].isupper() and name[cut - 1].islower()
                          and (entry := self.lexicon.lookup(name[cut:])) is not None), (0, None))
        if head is not None and head.cls == "Technology" and match_key(name[:cut]) not in self.tech_modifiers:
            return "Product", 0.6, "open:latin-compound-of-known-head"  # SwiftAgent, not a kind of agent
        if head is not None and head.cls in ("Technology", "Product"):
            return head.cls, 0.7, "open:latin-compound-of-known-head"
        if MADE_PHRASE.match(after):
            return "Product", 0.75, "open:latin-made-by-phrase"
        lead = doc.text[sentence.start:start].rstrip(" “\"《")
        if any(lead.endswith(word) for word in self.product_nouns):
            return "Product", 0.75, "open:latin-after-product-noun"
        tail = doc.text[end:sentence.end]
        if "等" in tail and any(word in tail.split("等", 1)[1][:6] for word in self.product_context):
            return "Product", 0.75, "open:latin-product-list"
        if PERSON_NAME.fullmatch(name) and self._near_person_word(doc.text, sentence, start, end):
            return "Person", 0.7, "open:latin-person-context"
        if VERSIONED.search(name) and not NOT_A_VERSION.search(name):
            return "Product", 0.5, "open:latin-versioned"  # an unknown stem + number: Part 1 as often as Gemma 7
        return "Concept", 0.4, "open:latin-untyped"

    # ------------------------------------------------------------ 百度千帆大模型平台, 字节Coze
    def _org_products(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """Product names glued to an organisation name: tokens after it up to a product head word."""
        for org in (m for m in known if m.cls == "Organization"):
            end = self._product_end(tokens, org.end)
            if end is None:
                continue
            inside = [m for m in known if m is not org and overlaps(m, org.start, end)]
            if any(m.start < org.end or m.end > end for m in inside) or any(m.cls == "Product" for m in inside):
                continue
            if not self._names_a_product(doc.text[org.end:end], inside):
                continue
            yield new_mention(doc, org.start, end, "Product", "open:org-prefixed-product", 0.8), inside

    def _names_a_product(self, rest: str, inside: list[Mention]) -> bool:
        """True when the words after the organisation name something (千帆大模型平台), not describe it (旗下AI助手,
        自研大模型, 电商平台: a known word or a generic modifier before a product head)."""
        if rest.startswith(tuple(self.generic_modifiers)) or re.search(r"[各两几三四多][大家款个]", rest):
            return False  # 小米各大APP, 阿里京东两大电商平台: a group of products, not one
        head = next((h for h in sorted(self.product_heads, key=len, reverse=True) if rest.endswith(h)), "")
        modifier = rest[: len(rest) - len(head)].strip()
        return bool(modifier) and not any(m.surface == modifier for m in inside) and not _is_latin_word_of(modifier)

    def _suffixed_orgs(self, doc: Document, sentence: Sentence, tokens: tuple[Token, ...], known: list[Mention]):
        """A Chinese company name: a proper-name token the dictionary does not know (or tags as a place or name), glued to
        a company suffix (云岫科技, 某某集团); 人工智能 or 大数据 start with common words and are left alone."""
        for index, token in enumerate(tokens):
            if token.text not in self.org_suffixes or index == 0:
                continue
            first = index
            while first > 0 and index - first < 2 and tokens[first - 1].end == tokens[first].start \
                    and tokens[first - 1].tag in PROPER_TAGS and all(is_cjk(ch) for ch in tokens[first - 1].text):
                first -= 1
            start, name = tokens[first].start, doc.text[tokens[first].start:token.start]
            last = index  # 物美科技集团: a second suffix belongs to the name
            while last + 1 < len(tokens) and tokens[last + 1].text in self.org_suffixes \
                    and tokens[last + 1].start == tokens[last].end:
                last += 1
            if first == index or not MIN_ORG_NAME <= len(name) <= MAX_ORG_NAME or name[0] in NOT_A_NAME_START \
                    or name[-1] in NOT_A_NAME_END \
                    or any(word in name for word in self.descriptive) or any(overlaps(m, start, tokens[last].end) for m in known):
                continue
            yield new_mention(doc, start, tokens[last].end, "Organization", "open:org-suffix", 0.7), []

    def _product_end(self, tokens: tuple[Token, ...], position: int) -> int | None:
        """End of the last product head word in the run of name tokens starting exactly at `position`."""
        end = None
        limit = position + MAX_PREFIX_CHARS
        for token in tokens:
            if token.start < position:
                continue
            if token.start != position or token.end > limit or token.text in self.breaks or not _is_name_part(token.text) \
                    or (_is_verbish(token) or token.text in self.leads) and not token.text.endswith(tuple(self.product_heads)):
                break
            if any(token.text.endswith(head) for head in self.product_heads):
                end = token.end
            position = token.end
        return end


LIST_CLAUSE = re.compile(r"[，,。；;：:！？!?（）()]")
LIST_BREAKS = ("的", "了", "是", "和", "或", "等")


def _lists(sentence: Sentence) -> list[list[tuple[int, int]]]:
    """Document spans of the items of each 、-separated list (three items or more) in a sentence."""
    lists = []
    position = 0
    for clause in LIST_CLAUSE.split(sentence.text):
        offset = sentence.start + position
        position += len(clause) + 1
        if clause.count("、") < 2:
            continue
        items, at = [], 0
        for raw in clause.split("、"):
            text = raw.split("等")[0].strip(" *“”\"'「」【】")  # 音频处理等领域 → 音频处理
            if text:
                start = offset + at + raw.index(text)
                items.append((start, start + len(text)))
            at += len(raw) + 1
        lists.append(items)
    return lists


def _is_name_part(text: str) -> bool:
    """True for a token that can sit inside a name: Chinese or Latin letters and digits only."""
    return all(is_cjk(ch) or ch.isascii() and ch.isalnum() for ch in text)


MODEL_CLASSES = frozenset({"Technology", "Product", "Organization", "CompanyType"})  # 'AI模型能力': a model's, not a skill
WEAKLY_LISTED = frozenset({"Concept"})
LOOSELY_LISTED = frozenset({"Industry", "ContentType"})
PERSONAL_HOLDERS = frozenset({"Organization", "Product", "Person"})  # 'OpenAI研究员' is a person at OpenAI, not a role
MAX_SKILL_PREFIX_CHARS = 6
MAX_TEAM_PREFIX_CHARS = 4  # 数据标注团队; a longer prefix is a description (负责大模型训练的团队)
TEAM_OWNERS = frozenset({"Organization", "Product", "Person", "CompanyType"})  # 字节团队 is a company's staff
SHORT_LINE = 40  # a list item or a line of a requirement list, not running prose
PERSON_SUBJECTS = ("我", "你", "他", "她", "候选人", "求职者", "从业者", "应聘者", "同学", "新人", "岗位")  # not 人: 人工智能
JOB_REQUIREMENT = ("任职要求", "岗位要求", "任职资格", "技能要求", "能力要求", "岗位职责", "职位要求")
PERSON_WORDS = ("我", "你", "他", "她", "人", "者", "们", "自己", "候选人", "角色", "岗位")
NEVER_FIRST_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "t", "m", "mq", "r", "d", "p", "c", "f", "q", "s", "uj", "ul",
                              "uz", "ug", "uv", "ud", "y", "e", "o", "ad", "ag", "zg", "x"})
HOLDER_CLASSES = frozenset({"Technology", "Product", "Concept", "Organization", "CompanyType"})
NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "vn", "an", "j", "eng"})
VERB_TAGS = frozenset({"v", "vd", "vg", "vi", "vq"})


def _is_nounish(token: Token) -> bool:
    """True for a noun-like token: a dictionary noun, Latin letters, or an unknown Chinese word of 2+ characters."""
    if token.text.isascii():
        return token.text.isalnum()
    return token.tag in NOUN_TAGS or (not token.tag and len(token.text) >= 2)


def _is_verbish(token: Token) -> bool:
    """True for a verb by jieba's dictionary."""
    return token.tag in VERB_TAGS


class _Spans:
    """Mentions indexed by start: those overlapping a span, in their list order, without scanning them all."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in self.order]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions sharing a character with [start, end), in list order."""
        lo, hi = bisect_left(self.starts, start - self.longest + 1), bisect_left(self.starts, end)
        return [self.mentions[i] for i in sorted(i for i in self.order[lo:hi] if self.mentions[i].end > start)]


def _covered(token: Token, known: list[Mention]) -> bool:
    """True when a known mention covers the token."""
    return any(m.start <= token.start and token.end <= m.end for m in known)


def _line_around(text: str, start: int, end: int) -> str:
    """The line of text that holds [start, end)."""
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1: line_end if line_end >= 0 else len(text)]


def _only_known_prefix(inside: list[Mention], start: int, head_start: int) -> bool:
    """True when the prefix before a skill head is exactly one known entity (ROI分析 + 能力 stays ROI分析)."""
    before = [m for m in inside if m.end <= head_start]
    return len(before) == 1 and before[0].start == start and before[0].end == head_start


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


def _is_latin_word_of(text: str) -> bool:
    """True for a bare 'AI' / 'AIGC'-like generic Latin modifier (腾讯AI助手 describes, it does not name)."""
    return text.upper() in GENERIC_LATIN
