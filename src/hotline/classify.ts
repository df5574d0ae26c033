/**
 * What a citizen's words suggest about an appeal: its category (投诉, 举报 …), its urgency, and
 * whether it is not a hotline matter at all (an emergency, a disclosure request). Pure functions
 * over the text; the citizen always confirms the suggested category.
 */
import { BASE_HOTLINE_CATEGORIES, EMERGENCY_NUMBERS, type EmergencyService, type Labelled } from '../domain/hotline';

export { BASE_HOTLINE_CATEGORIES };

/** Words that name a base category outright, strongest first when several appear. */
const EXPLICIT: Record<string, RegExp> = {
  report: /举报|检举|揭发/,
  complaint: /投诉|控告/,
  help: /求助|求救助|请求帮助/,
  suggestion: /建议|意见|提议|献策/,
  consultation: /咨询|请问|问一下|想问|打听/,
};

/** Weaker hints: what the matter is about. */
const HINTS: Record<string, RegExp[]> = {
  report: [/违法|违规|非法|偷排|乱排|偷倒|私搭乱建|违章建|违建|传销|赌博|涉黄|涉毒|造假|假冒|骗保|贪污|受贿|无证经营/],
  complaint: [/噪音|噪声|扰民|不作为|态度(差|恶劣|不好)|乱收费|拖欠|欠薪|推诿|刁难|没人管|不给办|乱停|占道|油烟|臭味|异味/],
  help: [/帮帮|帮忙|帮助|困难|救济|停水|停电|停气|断水|断电|没水|没电|暖气不热|没有暖气|漏水|堵了|被困/],
  suggestion: [/希望(能|可以)?(增加|增设|开通|设置)|能不能(增加|增设|开通|多)|应该(增加|设置)|最好(能|可以)/],
  consultation: [/怎么办|如何办|怎么申请|多少钱|在哪里办|哪里办|需要什么材料|吗[?？]?$|什么时候/],
};

/** Tie-break order when hints of several categories are equally strong. */
const ORDER = ['report', 'complaint', 'help', 'suggestion', 'consultation'];

/**
 * The category the text suggests, or null when it says nothing about it. A configured extra
 * category (e.g. 表扬) is suggested when its label appears in the text.
 */
export function suggestCategory(text: string, categories: readonly Labelled[] = BASE_HOTLINE_CATEGORIES): string | null {
  const known = new Set(categories.map((c) => c.code));
  const explicit = Object.entries(EXPLICIT)
    .filter(([code]) => known.has(code))
    .map(([code, pattern]) => ({ code, at: text.search(pattern) }))
    .filter((hit) => hit.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (explicit.length) return explicit[0].code;
  const extra = categories.filter((c) => !(c.code in EXPLICIT)).find((c) => text.includes(c.label));
  if (extra) return extra.code;
  let best: { code: string; score: number } | null = null;
  for (const code of ORDER) {
    if (!known.has(code)) continue;
    const score = (HINTS[code] ?? []).filter((p) => p.test(text)).length;
    if (score > 0 && (!best || score > best.score)) best = { code, score };
  }
  return best?.code ?? null;
}

const URGENT_UTILITY = /停水|断水|没水了?|停电|断电|没电了?|停气|断气|燃气(中断|停供)|暖气(不热|停了|坏了)|没有暖气|不供暖|停暖/;

/** The urgency the text suggests: urgent utilities (water, power, gas, heating) when configured, else normal. */
export function suggestUrgency(text: string, urgencies: readonly Labelled[]): string {
  const codes = urgencies.map((u) => u.code);
  if (codes.includes('urgentUtility') && URGENT_UTILITY.test(text)) return 'urgentUtility';
  return codes.includes('normal') ? 'normal' : codes[0]!;
}

/**
 * Emergencies are never ticketed (domain.md §2). The dialogue's emergency intent answers first;
 * this is the hotline's own guard for text that reaches a ticket anyway (a form, an API call).
 */
const EMERGENCIES: { service: EmergencyService; pattern: RegExp }[] = [
  { service: 'fire', pattern: /着火|失火|起火|火灾|烧起来|冒烟了/ },
  { service: 'trafficAccident', pattern: /车祸|撞车|交通事故|被车撞/ },
  { service: 'ambulance', pattern: /昏迷|晕倒|不省人事|心脏病发|大出血|呼吸困难|快不行了|中毒了?$|煤气中毒|急救/ },
  { service: 'police', pattern: /抢劫|持刀|砍人|杀人|绑架|有人(打人|行凶)|正在(偷|撬|打)|家暴/ },
];

export function detectEmergency(text: string): EmergencyService | null {
  return EMERGENCIES.find((e) => e.pattern.test(text))?.service ?? null;
}

export function emergencyNumber(service: EmergencyService): string {
  return EMERGENCY_NUMBERS.find((e) => e.service === service)!.number;
}

/**
 * A request for government information (依申请公开) has its own procedure and is not a hotline
 * matter: asking to be given, shown or sent documents, files or data held by an agency.
 */
const DISCLOSURE = [
  /信息公开|依申请公开|申请公开|要求公开|公开申请/,
  /(申请|要求|想要|索取|调取|查阅|复印|提供)[^，。,.！!？?]{0,12}(文件|红头文件|批文|批复|会议纪要|审批材料|规划图|征收决定|补偿方案|合同文本|政府信息)/,
];

export function isDisclosureMatter(text: string): boolean {
  return DISCLOSURE.some((p) => p.test(text));
}

/** Phrases that only ask for the hotline or a person, removed to see whether the text also says what happened. */
const TRIGGERS =
  /(我|我们)?(要|想|需要|想要|希望)?(转|找|联系)?(人工客服|人工服务|人工|客服|真人|12345|热线)|(我|我们)?(要|想|需要|想要)?(投诉|举报|求助|咨询|反映|反应|提(个|一个|点)?(意见|建议)|建议)(一下|下)?|(一个|个|一件|件)?(问题|事情|情况|事)/g;

/** The text minus trigger phrases, punctuation and spaces: what is left says what happened. */
export function substanceOf(text: string): string {
  return text.replace(TRIGGERS, '').replace(/[\s\p{P}\p{S}]/gu, '');
}
