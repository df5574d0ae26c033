import { GUIDE_SECTIONS, INTERPRETATION_SECTIONS, type EntryKind, type SectionName } from '../../../entities/knowledgeEntryFile';
import type { Lexicon } from './lexicon';
import { segment } from './segment';

const SECTIONS_OF_KIND: Record<EntryKind, ReadonlySet<SectionName>> = {
  guide: new Set(GUIDE_SECTIONS),
  interpretation: new Set(INTERPRETATION_SECTIONS),
  faq: new Set([...GUIDE_SECTIONS, ...INTERPRETATION_SECTIONS]),
};

/**
 * A yes/no question whether something can be done or had (外地人能申请吗, 辞职了有失业金吗,
 * 户口能迁过来不): it asks who qualifies, when no cue names another section.
 */
const CAN_QUESTION = /能不能|可不可以|有没有资格|(能|可以|有)[^ ]*(吗|么|不|没)[啊呀呢哈]*$/;

/**
 * The section of an entry a question asks for (要带什么材料 → materials, 多少钱 → fee), or null for a
 * general question. Cues come from sections.yaml; the longest cue found wins, and with `kind` only the
 * sections that kind of entry has count (标准 is criteria in a policy interpretation, nothing in a guide).
 *
 * Decision: "怎么申请X" / "如何办理X" ask for the entry as a whole, which its short answer covers, so
 * they are not cues; only explicit words (流程, 步骤, 手续怎么走) select the procedure section.
 *
 * Cues are also looked for in the text with synonyms applied, so 要带啥 finds the cue 要带什么 when
 * 啥 → 什么 is a synonym.
 *
 * With `available` (the sections one entry actually has), cues for other sections are passed over,
 * so a question with two cues gets the section the entry can answer.
 */
export function detectSection(
  normalizedText: string,
  lexicon: Lexicon,
  kind?: EntryKind,
  available?: ReadonlySet<SectionName>,
): SectionName | null {
  const tokens = segment(normalizedText, lexicon);
  const texts = [tokens.join(''), tokens.map((token) => lexicon.synonyms.get(token) ?? token).join('')];
  const allowed = (name: SectionName) => (!kind || SECTIONS_OF_KIND[kind].has(name)) && (!available || available.has(name));
  for (const { cue, sections } of lexicon.sectionCues) {
    if (!texts.some((text) => text.includes(cue))) continue;
    const section = sections.find(allowed);
    if (section) return section;
  }
  return CAN_QUESTION.test(texts[0]) && allowed('conditions') ? 'conditions' : null;
}
