import type { StepContext } from './forms';

/** What a form step expects, as the citizen reads it in "这看起来是…，不是…". */
export type ExpectedAnswer = 'address' | 'description' | 'name' | 'organizationName' | 'identity' | 'phone';

const EXPECTED_LABELS: Record<ExpectedAnswer, string> = {
  address: '地址',
  description: '情况描述',
  name: '姓名或名称',
  organizationName: '单位名称',
  identity: '证件号码',
  phone: '联系电话',
};

const NON_ANSWER = '一句话或不确定的回答';

/** Intents that are talk with the bot, never the content of a field. */
const TALK_INTENTS = new Set(['greeting', 'thanks', 'goodbye', 'menu', 'feedback', 'human', 'ticket.status', 'disclosure.status']);

const compact = (answer: string) => answer.normalize('NFKC').replace(/[\s-]/g, '');
const isIdNumber = (s: string) => /^\d{17}[\dX]$/i.test(s);
const isPhone = (s: string) => /^(\+?86)?1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s);
const isPersonName = (s: string) => /^[\p{Script=Han}·]{2,5}$/u.test(s);
const isQuestion = (s: string) =>
  /[?？]$|[吗呢么嘛][?？。.!！]*$|^(请问|怎么|如何|为什么|为啥|什么|哪里|哪儿|能不能|可不可以|是不是)/.test(s);

/** What the answer plainly is instead, for the expected kind; null when nothing is amiss. */
function whatItIs(answer: string, expected: ExpectedAnswer, context: Pick<StepContext, 'intent' | 'vocabulary'>): string | null {
  const s = compact(answer);
  // Only a description may mention what a command says ("我要投诉小区噪音"); an address, a name or a number never does.
  if (context.intent && (TALK_INTENTS.has(context.intent) || expected !== 'description')) return '一句指令或问候';
  if (expected !== 'identity' && isIdNumber(s)) return '身份证号码';
  if (expected !== 'phone' && isPhone(s)) return '电话号码';
  if (expected === 'identity' && isPersonName(s)) return '姓名';
  const name = expected === 'name' || expected === 'organizationName';
  if (name && /\d{5,}/.test(s)) return '一串号码';
  // 2-5 Han characters pass as a person's name, so "我不确定" must be caught by what it says.
  if (name && context.vocabulary.isNonAnswer(answer, expected === 'name' ? 'person' : 'organization')) return NON_ANSWER;
  if ((expected === 'address' || name) && isQuestion(answer.trim())) return '一个问题';
  return null;
}

/**
 * Refuses an answer meant for something else (a command as an address, an ID number as a name, a
 * name as an ID): the message names what is expected; the form asks its question again after it.
 */
export function misplacedAnswer(
  answer: string,
  expected: ExpectedAnswer,
  context: Pick<StepContext, 'intent' | 'vocabulary'>,
): string | null {
  const is = whatItIs(answer, expected, context);
  if (!is) return null;
  // "结束", "再见" or "不知道" in a form: the citizen may want out, so the refusal says how.
  const leaving = context.intent === 'goodbye' || is === NON_ANSWER ? '要放弃填写，请回复"取消"。' : '';
  return `"${Array.from(answer.trim()).slice(0, 20).join('')}"看起来是${is}，不是${EXPECTED_LABELS[expected]}。${leaving}`;
}

// What an e-mail address or a phone number looks like inside a sentence; the field's own check decides if it is valid.
const IN_SENTENCE: Record<'email' | 'phone', RegExp> = {
  email: /[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  phone: /(?<![\d+])(?:\+|00)?\d[\d\s-]{5,18}\d(?!\d)/g,
};

/**
 * The one address or number in a sentence ("我的邮箱是a@b.cn" → "a@b.cn"), so the field checks it and
 * not the words around it; the answer itself when it holds none or several (the check then says why).
 */
export function valueInSentence(answer: string, kind: 'email' | 'phone'): string {
  const found = answer.normalize('NFKC').match(IN_SENTENCE[kind]) ?? [];
  return found.length === 1 ? found[0]! : answer;
}
