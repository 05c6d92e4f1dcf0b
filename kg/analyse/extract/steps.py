"""The phrasings of a step in a line of technologies, products or concepts — A演进为B, 从A到B，再到C, B取代了A,
B的前身是A, B是从A发展而来的 — that the usage rules read between two mentions."""

from __future__ import annotations

import re

EVOLVING = frozenset({"Technology", "Product", "Concept"})
STEP_CLASSES = frozenset({("Technology", "Technology"), ("Technology", "Product"), ("Product", "Product"),
                          ("Concept", "Concept"), ("Technology", "Concept"), ("Concept", "Technology")})
STEP_ADVERBS = r"(?:正在|已经|逐渐|逐步|开始|将|会|也|又|再|然后|进而|后来|从此|随后|最终|就|一路)*"
DEVELOPS_INTO = r"(?:演进|发展|进化|升级|演变|演化|迭代|过渡|转变|切|升|换)(?:到|至|为|成|出)了?"  # 从Qwen2升到了Qwen2.5, 迭代出
STEP_TIME = r"(?:(?:在|于)?(?:\d{2,4}年|今年|去年|明年)?(?:\d{1,2}月份?|年[初中底]|[上下]半年|(?<=年)[初中底])[初中底]?)?"  # GLM-4在8月升级为…
STEP = re.compile(r"^[\s*“”\"）)]*" + STEP_TIME + "(?:" + STEP_ADVERBS +
                  r"(?:" + DEVELOPS_INTO + r"(?:[^□，,。]{1,8}的)?|(?:到|至|为|成)了?)"
                  r"|(?:走向|迈向|转向)了?|→|->|—>|=>)"
                  r"[\s*“”\"（(]*$")  # 逐渐演进为能执行任务的AI Agent: a short modifier may stand before the newer one
MODIFIED_STEP = re.compile(r"[\s*]*" + STEP_ADVERBS + DEVELOPS_INTO + r"[^，,。；;]{1,16}?的[\s*“”\"]*")
ARROW = re.compile(r"→|->|—>|=>")
STRONG_STEP = re.compile(r"演进|进化|升级|迭代|演变|→|->|—>|=>")
REPLACED = re.compile(r"(?:(?:出现|诞生|问世)(?:后|之后)?[，,]?(?:又|则|就|很快)?)?(?:逐渐|已经|正在|彻底|全面|基本|迅速)?(?:取代|替代)了?(?:过去|以前|传统|原来|早期|之前)?的?")  # Transformer取代了RNN
# GPT-4o是GPT-4的升级版 (the gap; UPGRADE follows the older one)
SUCCESSOR_OF = re.compile(r"\s*(?:[，,]\s*(?:这|它|其|该模型|该产品)(?:也|则)?)?是(?:对)?\s*")
SUCCESSOR_WORD = r"(?:升级版|迭代版|增强版|下一代|继任者|后继者|进化版)"
UPGRADE = re.compile(r"\s*的" + SUCCESSOR_WORD)
AS_SUCCESSOR = re.compile(r"的" + SUCCESSOR_WORD + r"[\s*]*[，,][\s*]*")  # 作为A的下一代，B…
FORMERLY = re.compile(r"(?:的|[^□，,。；;]{0,6}[，,]\s*(?:它的|其)?)前身(?:是|为|就是)(?:[^□，,。；;]{0,12}的)?[\s“”\"「]*")
# ChatGPT的前身是InstructGPT / 九章大模型，前身是2023年发布的MathGPT: the older one → the newer
NEWER_MODIFIER = r"(?:[^，,。；;□]{1,12}的)?"  # 参数扩大十几倍的GPT-2, 2020年的GPT-3
VERSION_STEP = re.compile(r"(?:到|，再到|，又到|，然后是)" + NEWER_MODIFIER)  # 从GPT-3到GPT-4，再到GPT-4o: versions of one family
FOLLOWED_BY = re.compile(r"[，,]?(?:再|随后|紧接着)?(?:之后|以后|往后)(?:则|就)?是" + NEWER_MODIFIER)  # GPT-3.5之后是GPT-4
CAME_AFTER = re.compile(r"(?:之后|以后)(?:又|才|就|便)?(?:出现|诞生|兴起)了?")  # Copilot之后出现了Agent: forms of one line
SUCCEEDED = re.compile(r"之后[，,][^，,。；;]{0,12}?(?:推出|发布|上线|开源)了?")  # 继GPT-4之后，OpenAI又推出了GPT-4o
PASSIVE_REPLACED = re.compile(r"(?:后来|逐渐|已经|正在|最终|很快|迅速)*被")  # RNN后来被Transformer取代
TOWARDS = re.compile(r"(?:又|也|正|正在|在|开始|逐渐|慢慢)*(?:往|向|朝)")  # 智能手机又在往AI手机演进
MOVING_ON = re.compile(r"(?:演进|发展|进化|迁移|升级|过渡)")
RE_MADE = re.compile(r"[，,]\s*" + STEP_TIME + r"(?:又|再|也|还)?把(?:它|其)" + DEVELOPS_INTO)  # …发布了A，10月又把它升级成B
COMBINED = re.compile(r"[\s*]*(?:二者|两者)?(?:相?结合|融合|合体)(?:起来|在一起)?[，,]\s*(?:就|便|又|才)?"
                      r"(?:演进|演化|演变|发展|进化)(?:为|成|出)了?[\s*“”\"]*")  # 扩散模型和Transformer结合，演进为DiT
REPLACING = re.compile(r"(?:逐渐|全面|彻底)?(?:取代|替代)")
LATER_STEP = re.compile(r"(?:(?:最早|最初|一开始|起初)?(?:只)?是[^，,。；;]{0,20}|的[^□，,。；;]{1,8})?"  # 衍语最早是一个…模型，去年迭代成了衍语2.0
                        # 规则匹配的问答机器人，后来演进成检索式问答: the older one named by what it was built on
                        r"[，,]\s*(?:后来|之后|随后|然后|接着|进而|逐渐|最终|再|又|慢慢|现在|如今|目前|去年|今年|前年|\d{4}年"
                        r"|\d{1,2}月(?:底|初|份)?)+(?:演进|进化|演变|发展|升级|迭代)(?:成|为|到|出)了?(?:一个|一种|一套)?")
SWITCHED = re.compile(r"[，,；;]\s*(?:后来|之后|随后|最后|年底|年中|今年|去年)?(?:才|就|又|也|都|整体|全面|逐步)*"
                      r"(?:换成|升级为|升级成|改成|切到|升到|迁到|迁移到)了?")  # 最早靠的是检索式对话，后来才整体换成了大语言模型
LATER_ONE = re.compile(r"[，,]\s*(?:后来|之后|随后|再后来|现在|如今)(?:则|就)?(?:是|变成了?|换成了?|轮到)")  # 十年前流行A，后来是B
BUILT_ON_BASE = re.compile(r"的?基础上(?:又|再)?(?:训练|训|微调|升级|迭代|推出|发布|打造|开发)出?了?")  # 在V3的基础上训出了R1
GREW_FROM = re.compile(r"(?:则|也|就)?(?:是)?在(?:上一代|前一代|老一代|之前的|早期的)?的?")  # 生成式AI是在决策式AI的基础上发展起来的: the second one is the older
BASE_OF_GROWTH = re.compile(r"的?基础上(?:发展|演进|演变|进化|升级|迭代|训练|微调)")  # B是在A的基础上训练的
CAME_FROM = re.compile(r"(?:[^。；;！？!?]{0,20}[，,]\s*(?:它|其|这一代|这一版|该模型|该产品)?)?(?:本质上|其实|实际上)?(?:是|也是|正是|其实是|就是)?(?:从|由)")
# 生成式AI是从判别式AI发展而来的 / 上下文工程，它是从提示词工程演化来的 / Veo 3由…出品，从Veo 2进化而来: the second is the older
GREW_OUT = re.compile(r"(?:逐步|逐渐|一步步)?(?:发展|演进|演变|演化|进化|衍生|迭代|升级)(?:而来|出来|起来|来的|过来)")
SERIES_GAP = re.compile(r"[\s*“”\"]*(?:、|和|与|及|以及|，|,|到|至|再到|→)?[\s*“”\"]*")  # GPT-4、GPT-4o: listed one after another
LINE_OF_STEPS = re.compile(r"这条线|路线|历程|脉络|演进")  # NLP这条线是从RNN到LSTM: a line of steps
HEADING_LINEAGE = re.compile(r"从.+到.+[，,]\s*再到")  # a heading that walks a line: 从A到B，再到C
STEPPED_BEFORE = re.compile(DEVELOPS_INTO + r"|后来")  # 后来发展到统计机器学习，再到深度学习: the chain goes on
