/** Everything the bot says on its own, in one place so it reads as one voice. */

export const MENU = [
  '1. 政策解读和办事指南：直接输入问题，如"低保怎么申请"',
  '2. 申请政府信息公开：回复"申请公开"',
  '3. 投诉、举报、求助、建议：回复"我要投诉"',
  '4. 人工服务：回复"转人工"',
].join('\n');

export const welcome = () => `您好，欢迎使用问政服务！我可以为您解答政策和办事问题。\n${MENU}`;

export const menu = () => `我可以为您做这些：\n${MENU}`;

export const clarify = (titles: string[], section?: string) =>
  `${section ? `您想了解哪一项的${section}？` : '您想了解的是哪一项？'}请回复序号：\n${titles.map((t, i) => `${i + 1}. ${t}`).join('\n')}\n回复 0 取消。`;

const numbered = (titles: string[]) => titles.map((t, i) => `${i + 1}. ${t}`).join('\n');

export const partial = (subject: string, titles: string[]) =>
  `关于「${subject}」，暂时没有您问的这一项。我可以解答：\n${numbered(titles)}\n请回复序号查看，回复 0 取消。`;

/** A subject named alone (公积金) that several entries are about: what can be answered about it. */
/** A number beyond the "which one" list. */
export const noSuchOption = (number: number, count: number) =>
  `没有第${number}项，请回复1到${count}之间的序号，或直接说明您想办的事项。回复 0 取消。`;

export const topic = (subject: string, titles: string[]) =>
  `关于「${subject}」，我可以解答：\n${numbered(titles)}\n请回复序号查看，也可以直接说明您想办的事项。回复 0 取消。`;

export const left = () => '好的，已取消。请问还有什么可以帮您？';

export const fallbackRephrase = () => `抱歉，暂时没有找到相关的政策或办事指南。请换个说法试试，比如说明具体事项和您的情况。\n${MENU}`;

export const fallbackOffer = () =>
  '抱歉，还是没能找到答案。您可以：\n1. 申请政府信息公开（需要政府的某份文件或数据）：回复"申请公开"\n2. 提交12345热线工单，或转人工客服：回复"转人工"\n我们会尽快为您处理。';

/** A question about another city's or province's policy: where to ask instead (no 12345 outside the mainland). */
export const elsewhere = (place: string, hotline: string | null) =>
  `您问的是${place}的政策。本平台解答本市政务问题，${place}的政策请${hotline ? `拨打当地${hotline}政务服务便民热线或登录当地政务服务网查询` : '向当地政府部门咨询'}。`;

export const voiceNotUnderstood = () => '抱歉，暂时还听不懂这段语音，请用文字描述您的问题。';

export const emptyText = () => '请输入您要咨询的问题。';

export const unsupportedKind = () => '已收到。目前我只能理解文字消息，请用文字描述您的问题。';

export const feedbackInvite = () => '有帮助吗？回复"有用"或"没用"';

/** "补正" alone where the next message is another's (a form's answer, the operator's queue). */
export const correctionInOneMessage = () =>
  '请在一条消息里发送"补正 申请编号 补正后的内容"，如"补正 YSQ2026000123 需要的是2025年的征收补偿方案"。';

export const correctionAsk = () => '请发送补正后的内容（如所需信息的文件名称、文号、时间、事项）。回复"取消"放弃。';

export const formIntro = (title: string) => `好的，下面为您办理「${title}」。随时回复"返回"修改上一项，回复"取消"放弃。`;

export const formLeft = (title: string) => `已取消「${title}」，填写的内容不会保存。请问还有什么可以帮您？`;

export const formAtStart = () => '已经是第一项了。';

export const formConfirm = (summary: string, example: string | null) =>
  `请核对以下信息：\n${summary}\n\n确认无误请回复"确认"提交；修改某一项请回复它的序号${example ? `（如回复 ${example}）` : ''}；放弃请回复"取消"。`;

export const formConfirmHelp = () => '请回复"确认"提交，或回复要修改的那一项的序号，或回复"取消"放弃。';

export const formResume = (title: string) => `您正在填写「${title}」，请继续：`;

/** A form word (取消, 返回, 确认, 好的) said when no form or question is open. */
export const nothingOpen = () => '现在没有正在办理的事项。';

/** A form left unanswered past the idle time (WENZHENG_CONVERSATION_IDLE_MINUTES) is dropped before the next message is read. */
export const formExpired = (title: string) => `您填写的「${title}」长时间没有继续，未提交的内容没有保存；如需办理，请重新开始。`;

/** Asking for a person mid-form: the unsent form is dropped, and said so. */
export const formHandedOver = (title: string) => `「${title}」还没有提交，已填写的内容不再保留；人工客服接入后能看到您在这里说过的话。`;

/** Asking for a person mid-form outside service hours: the thread is queued and the form goes on. */
export const formContinuesWhileQueued = (title: string) => `在人工客服上班前，您可以继续填写「${title}」，提交后同样会有人办理。`;

export const formPublishedHint = () => '以上内容已经公开，如已满足您的需要，回复"取消"即可；如仍需申请，请继续回答：';
