"""Open vocabulary: names the lexicon does not know — Latin product names, …产品经理 roles, …能力 skills,
organisation-prefixed products — found from their shape and typed from their context, with a confidence.

The extractor runs its finders sentence by sentence; each finder lives with its rules in a module of its own:
headed (roles, skills, teams from their head words), lists (list-mates), latin (Latin-script names and versions),
organisations (organisation-prefixed products, suffixed company names), content (what is generated: 审查意见书);
shapes holds what they share."""

from __future__ import annotations

from kg.analyse.extract import register
from kg.analyse.extract.mentions import by_sentence, overlaps, with_mentions
from kg.analyse.extract.open_vocabulary.content import GeneratedContent
from kg.analyse.extract.open_vocabulary.headed import HeadedNames
from kg.analyse.extract.open_vocabulary.latin import LatinNames
from kg.analyse.extract.open_vocabulary.lists import ListedNames
from kg.analyse.extract.open_vocabulary.organisations import OrganisationNames
from kg.analyse.extract.resources import Resources
from kg.core.model import Extraction, Mention
from kg.core.normalize import match_key


@register("open_vocabulary")
class OpenVocabularyExtractor(HeadedNames, ListedNames, LatinNames, OrganisationNames, GeneratedContent):
    """Finds and types unknown names; each new mention carries a confidence and the rule that found it."""

    def __init__(self, resources: Resources) -> None:
        cue = resources.ontology.cue
        self.role_heads = tuple(sorted(cue("roleHead")))
        self.skill_heads = cue("skillHead")
        self.skill_leads = cue("skillLead")
        self.team_heads = cue("teamHead")
        self.context_role_heads = tuple(sorted(cue("contextRoleHead")))
        self.head_ends = frozenset(word[-1] for word in (*self.role_heads, *self.context_role_heads, *self.skill_heads,
                                                         *self.team_heads))
        self.not_personal = cue("notPersonalCapability")
        self.org_suffixes = cue("organizationSuffix")
        self.weak_org_suffixes = cue("weakOrganizationSuffix")
        self.company_heads = tuple(sorted(cue("companyKindHead")))
        self.team_functions = cue("teamFunction")
        self.product_heads = cue("productHead")
        self.product_context = cue("productContext")
        self.org_context = cue("organizationContext")
        self.product_nouns = cue("productNoun")
        self.person_context = cue("personContext")
        self.person_gloss = cue("personGloss")
        self.generic_modifiers = cue("genericProductModifier")
        self.capability_holders = cue("capabilityHolder")
        self.breaks = cue("nameBreak")
        self.leads = cue("nameLead")
        self.lead_lengths = sorted({len(word) for word in self.leads}, reverse=True)
        self.descriptive = cue("descriptiveModifier")
        self.requires = cue("requiresTrigger")
        self.activity_heads = cue("skillActivityHead")
        self.requirement_headings = cue("requirementHeading")
        self.latin_stop = frozenset(match_key(w) for w in cue("latinStopword"))
        self.tech_modifiers = frozenset(match_key(w) for w in cue("technologyModifier"))
        self.evolution = cue("evolutionTrigger") | cue("lineageTrigger")
        self.release_words = cue("madeByTrigger") | cue("versionContext")
        self.content_verbs = cue("contentVerb")
        self.content_heads = tuple(sorted(cue("contentHead")))
        self.lexicon = resources.lexicon
        self.dictionary_tags = resources.segmenter.dictionary_tags

    def __call__(self, state: Extraction) -> Extraction:
        doc = state.document
        added: list[Mention] = []
        removed: set[Mention] = set()
        first_role: Mention | None = None  # _lead_skill reads "a role is named" over the whole article so far
        previous: list[Mention] = []  # found in the sentence before: _versions may still extend them
        for sentence, tokens, known in zip(doc.sentences, state.tokens, by_sentence(state.mentions, doc.sentences)):
            here: list[Mention] = []
            earlier = [first_role] if first_role is not None and first_role not in previous else []
            kept = [m for m in known if m not in removed]  # (filtered again only when a finder removes some)
            for finder in (self._headed, self._ai_roles, self._versions, self._listed, self._skill_list, self._duty_list,
                           self._industry_list,
                           self._latin_names,
                           self._org_products, self._company_kinds, self._suffixed_orgs, self._generated_kinds):
                near = earlier + previous + here  # what a finder can touch: never the mentions of far sentences
                for mention, covered in finder(doc, sentence, tokens, kept + near):
                    if not any(overlaps(m, mention.start, mention.end) for m in near):
                        here.append(mention)
                        near.append(mention)
                        if covered:
                            removed.update(covered)
                            kept = [m for m in known if m not in removed]
            added.extend(here)
            previous = here
            first_role = first_role or next((m for m in here if m.cls == "Role"), None)
        return with_mentions(state, added, removed)
