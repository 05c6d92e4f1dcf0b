"""People: the named people of an article's body that the lexicon does not know — a Chinese name (a common surname and
one or two characters, or 阿 / 小 / 老 and one) standing right after a word for a person (我的室友林溪, 产品负责人陈默,
面试官周宁), right before a verb of saying (赵磊认为…, 据张伟介绍), or after 我叫 (我叫Lydia). Without such a context a surname character and
what follows is any word, so none is guessed."""

from __future__ import annotations

import re

from kg.analyse.extract import register
from kg.analyse.extract.mentions import by_sentence, new_mention, overlaps, with_mentions
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention, Sentence

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
            "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
            "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
            "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
            "席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝")
NOT_IN_A_GIVEN_NAME = "说话道过问答表认指称听我你他她们来地的得也还则却再曾就又都所如是在和与及对把被向从"  # 李涛也认为, 简单来说
GIVEN = rf"[^\W\d_a-zA-Z{NOT_IN_A_GIVEN_NAME}]"
NAME = rf"(?:[{SURNAMES}]{GIVEN}{{1,2}}?|[阿小老]{GIVEN})"
ADVERB = r"(?:也|还|则|却|再|曾|就|又|都|所|便|更|一直|曾经)?"
SAYING = r"(?:表示|认为|说|指出|坦言|介绍|告诉|透露|提到|回忆|解释|强调|觉得|直言|分享|问|答|补充|感叹|建议)"
PERSON_WORD = (r"(?:朋友|同事|室友|同学|面试官|老师|联合创始人|创始人|CEO|CTO|COO|负责人|总监|经理|工程师|设计师|研究员|科学家|"
               r"主管|合伙人|老板|HR|学长|学姐|师兄|师姐|前辈|导师|教授|博士|董事长|总裁|总经理|主编|记者|博主|运营|嘉宾|受访者|"
               r"产品经理|训练师|分析师|标注员|作者)")
AFTER_PERSON_WORD = re.compile(rf"{PERSON_WORD}({NAME})(?={ADVERB}{SAYING}|[，,。；;、（(：:“]|是|在|也|就|曾|原来|现在|已经|从|的(?![一-龥]{{0,2}}(?:时候|话))|$)")
BEFORE_SAYING = re.compile(rf"(?:^|(?<=[，,。：:“\"\s据]))({NAME})(?={ADVERB}{SAYING}(?:道|过|了)?[，,：:“\"。])")
SELF_NAMED = re.compile(rf"(?:我|他|她)(?:叫|名叫|的名字是)({NAME}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[，,。；;、（(：:]|$)")  # 我叫Lydia
CONFIDENCE = 0.7


@register("people")
class PeopleExtractor:
    """Adds Person mentions for the unknown Chinese names a sentence puts in a person's place."""

    def __init__(self, resources: Resources) -> None:
        self.lexicon = resources.lexicon
        self.dictionary_tags = resources.segmenter.dictionary_tags

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        found: list[Mention] = []
        replaced: set[Mention] = set()
        for sentence, known in zip(doc.sentences, by_sentence(state.mentions, doc.sentences)):
            for start, end in self._names(sentence):
                if not any(overlaps(m, start, end) for m in known + found):
                    found.append(new_mention(doc, start, end, "Person", "open:person-context", CONFIDENCE))
            for match in SELF_NAMED.finditer(sentence.text):  # 我叫Lydia: a guessed type of the name gives way
                start, end = sentence.start + match.start(1), sentence.start + match.end(1)
                touching = [m for m in known if overlaps(m, start, end)]
                if all(m.rule.startswith("open:") and (m.start, m.end) == (start, end) for m in touching) \
                        and self.lexicon.lookup(match.group(1)) is None:
                    found.append(new_mention(doc, start, end, "Person", "open:person-self-named", CONFIDENCE))
                    replaced.update(touching)
        return with_mentions(state, found, replaced)

    def _names(self, sentence: Sentence):
        """Document spans of the names in a person's place, not words jieba or the lexicon know as something else."""
        if sentence.is_heading:
            return
        for pattern in (AFTER_PERSON_WORD, BEFORE_SAYING):
            for match in pattern.finditer(sentence.text):
                name = match.group(1)
                tag, given = self.dictionary_tags(name), self.dictionary_tags(name[1:]) or ""
                if (tag is None or tag.startswith("nr")) and self.lexicon.lookup(name) is None \
                        and not (len(name) == 3 and given.startswith("v")):  # 作者曾提出: 曾 before a verb, no name
                    yield sentence.start + match.start(1), sentence.start + match.end(1)
