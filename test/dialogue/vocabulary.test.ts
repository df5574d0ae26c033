import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFormVocabulary } from '../../src/dialogue/vocabulary';

const folderWith = (yaml: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-form-replies-'));
  writeFileSync(join(dir, 'form-replies.yaml'), yaml);
  return dir;
};
const RATING =
  'rating: {satisfied: [满意], basicallySatisfied: [一般], dissatisfied: [不满意]}\nself: {words: [我], then: [想]}\nnonAnswers: [不知道]';

describe('seeds/nlp/form-replies.yaml', () => {
  const vocabulary = loadFormVocabulary(join(__dirname, '../../seeds/nlp'));

  it('reads a whole short reply, whatever its width, case and trailing particle', () => {
    expect(['好的', '好的呀', '好的！', 'OK', 'ｏｋ'].map((t) => vocabulary.replyOf(t))).toEqual(['yes', 'yes', 'yes', 'yes', 'yes']);
    expect(['没有了', '返回', '不办了', '0', '好的我再想想'].map((t) => vocabulary.replyOf(t))).toEqual([
      'no',
      'back',
      'cancel',
      'cancel',
      null,
    ]);
    expect(['满意', '2', '不满意。', '好'].map((t) => vocabulary.ratingOf(t))).toEqual([
      'satisfied',
      'basicallySatisfied',
      'dissatisfied',
      null,
    ]);
  });

  it("reads a reply word after the citizen's own 我 (我要, 我想) as that word, and 我 alone as none", () => {
    expect(['我不申请了', '我要退出', '我想放弃', '我确认', '我要返回', '我', '我叫王放弃'].map((t) => vocabulary.replyOf(t))).toEqual([
      'cancel',
      'cancel',
      'cancel',
      'yes',
      'back',
      null,
      null,
    ]);
  });

  it("reads the citizen's self and the words after it from the file", () => {
    const dir = folderWith(`yes: [好的]\nno: [不]\nback: [返回]\ncancel: [放弃]\n${RATING.replace('then: [想]', 'then: [打算]')}\n`);
    const vocabulary = loadFormVocabulary(dir);
    expect(['我打算放弃', '我想放弃', '俺放弃'].map((t) => vocabulary.replyOf(t))).toEqual(['cancel', null, null]);
  });

  it('reads several words of one meaning as that meaning, and mixed ones as none', () => {
    expect(['是的，确认', '好的 提交', '对，没问题', '不，不对', '好的，我再想想', '不，确认'].map((t) => vocabulary.replyOf(t))).toEqual([
      'yes',
      'yes',
      'yes',
      'no',
      null,
      null,
    ]);
  });

  it('reads a sentence about oneself, a non-answer or a reply word as no answer to a name, and a name as one', () => {
    expect(
      ['我不确定', '俺不清楚', '不知道啊', '随便', '没有', '张三', '不知火舞', '福州市某某科技有限公司'].map((t) =>
        vocabulary.isNonAnswer(t, 'person'),
      ),
    ).toEqual([true, true, true, true, true, false, false, false]);
  });

  it("takes a company's name that starts with 我 as a name, and 我 with a non-answer after it as none", () => {
    expect(
      ['我爱我家房地产经纪有限公司', '我不知道', '俺就不清楚', '不知道'].map((t) => vocabulary.isNonAnswer(t, 'organization')),
    ).toEqual([false, true, true, true]);
    expect(vocabulary.isNonAnswer('我爱我家房地产经纪有限公司', 'person')).toBe(true);
  });

  it('refuses a word with two meanings, naming the file and the field', () => {
    const dir = folderWith(`yes: [好的]\nno: [不, 好的]\nback: [返回]\ncancel: [取消]\n${RATING}\n`);
    expect(() => loadFormVocabulary(dir)).toThrow(`${join(dir, 'form-replies.yaml')}: no[1]: "好的" is already listed under yes`);
    const twice = folderWith(
      'yes: [好的]\nno: [不]\nback: [返回]\ncancel: [取消]\nrating: {satisfied: [满意], basicallySatisfied: [一般], dissatisfied: [不满意]}\nself: {words: [我], then: [想]}\nnonAnswers: [不知道, 取消]\n',
    );
    expect(() => loadFormVocabulary(twice)).toThrow(
      `${join(twice, 'form-replies.yaml')}: nonAnswers[1]: "取消" is already listed under cancel`,
    );
    expect(() => loadFormVocabulary(folderWith(`yes: []\nno: [不]\nback: [返回]\ncancel: [取消]\n${RATING}\n`))).toThrow(
      /form-replies\.yaml: yes: must list at least one word/,
    );
  });
});
