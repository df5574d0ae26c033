// @ts-check
/**
 * Labels staff read, in one place (the API speaks codes). The tables come from the server (js/shared.js),
 * which types them against its own codes; only how they are put together for the pages lives here.
 */
import { GUIDE_SECTIONS, INTERPRETATION_SECTIONS, ENTRY_FIELD_LABELS, SECTION_LABELS, SOURCE_FIELD_LABELS } from './shared.js';

export {
  AUTHOR_LABELS,
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  DECISION_LABELS,
  DISCLOSURE_DELIVERY_LABELS,
  DISCLOSURE_EVENT_LABELS,
  DISCLOSURE_FORM_LABELS,
  DISCLOSURE_IDENTITY_KIND_LABELS,
  DISCLOSURE_PROCEEDING_KINDS,
  DISCLOSURE_PROCEEDING_RESULTS,
  ENTRY_KIND_CHOICES,
  ENTRY_STATUS_CHOICES,
  HOTLINE_RATE_LABELS,
  IMPACT_LABELS,
  RATING_LABELS,
  REVIEW_REASON_LABELS,
  ROLE_LABELS,
  SECTION_LABELS,
  THREAD_STATUS_LABELS,
  TICKET_FLOW,
  TICKET_RESOLUTION_LABELS,
  TICKET_VIA_LABELS,
  VALIDITY_CHOICES,
} from './shared.js';

export const labelOf = (/** @type {readonly { code: string, label: string }[]} */ list, /** @type {string | null | undefined} */ code) =>
  list.find((x) => x.code === code)?.label ?? code ?? '—';

/** @param {string} kind */
export const sectionsOf = (kind) =>
  kind === 'guide' ? GUIDE_SECTIONS : kind === 'interpretation' ? INTERPRETATION_SECTIONS : [...GUIDE_SECTIONS, ...INTERPRETATION_SECTIONS];

/** sections.materials → 分项·申请材料, source.docNumber → 来源·文号 @param {string} field */
export function fieldLabel(field) {
  const [head, sub] = field.split('.');
  if (head === 'sections' && sub) return `分项·${SECTION_LABELS[sub] ?? sub}`;
  if (head === 'source' && sub) return `来源·${SOURCE_FIELD_LABELS[sub] ?? sub}`;
  return ENTRY_FIELD_LABELS[head] ?? field;
}
