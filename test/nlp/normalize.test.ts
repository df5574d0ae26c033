import { cacheFolder } from '../../src/platform/data/derivedFile';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConverterFunction, ConverterOptions } from 'opencc-js/t2cn' with { 'resolution-mode': 'import' };
import { contentKey } from '../../src/platform/data/derivedFile';
import { convertibleCharacters, normalize, simplify } from '../../src/understanding/nlp/normalize';

describe('normalize', () => {
  it('turns full-width letters, digits and punctuation into half-width', () => {
    expect(normalize('ＡＢＣ１２３４５热线')).toBe('abc12345热线');
  });

  it('converts traditional characters to simplified ones', () => {
    expect(normalize('請問公積金貸款怎麼辦理')).toBe('请问公积金贷款怎么办理');
    expect(normalize('臺灣居民來往大陸通行證')).toBe('台湾居民来往大陆通行证');
  });

  it('lower-cases Latin letters', () => {
    expect(normalize('APP怎么下载')).toBe('app怎么下载');
  });

  it('turns punctuation, emoji and whitespace into at most one space, trimmed', () => {
    expect(normalize('  低保，怎么申请？？？😭😭 ')).toBe('低保 怎么申请');
    expect(normalize('社保卡\n\t丢了!!!')).toBe('社保卡 丢了');
  });

  it('drops WeChat emoticon codes', () => {
    expect(normalize('[捂脸]公积金怎么取[OK]')).toBe('公积金怎么取');
  });

  it('collapses runs of three or more identical Chinese characters', () => {
    expect(normalize('急急急啊啊啊啊啊，社保卡丢了')).toBe('急啊 社保卡丢了');
    expect(normalize('看看')).toBe('看看');
  });

  it('keeps digits, including repeated ones', () => {
    expect(normalize('拨打12345或者110，2000元')).toBe('拨打12345或者110 2000元');
  });

  it('returns an empty string for pure noise', () => {
    expect(normalize(' 😂👍 ！！ ')).toBe('');
  });

  it('follows OpenCC phrases that keep a character (乾隆, not 干隆)', () => {
    expect(normalize('乾隆年間的乾燥天氣')).toBe('乾隆年间的干燥天气');
  });
});

describe('simplify', () => {
  it('only converts characters and case, keeping punctuation for text searches', () => {
    expect(simplify('ＡＢ，網上辦理。')).toBe('ab,网上办理。');
  });
});

describe('the characters OpenCC converts on its own', () => {
  const { Converter } = require('opencc-js/t2cn') as { Converter(options: ConverterOptions): ConverterFunction };
  const convert = Converter({ from: 't', to: 'cn' });

  it('are worked out in one conversion, as converting each character alone finds them', () => {
    const alone: string[] = [];
    for (let code = 0x3400; code <= 0x9fff; code++) {
      const character = String.fromCharCode(code);
      if (convert(character) !== character) alone.push(character);
    }
    expect(convertibleCharacters(convert)).toBe(alone.join(''));
  });

  it("are kept in the user's cache folder under the hash of the opencc-js build they come from", () => {
    normalize('體');
    const build = readFileSync(require.resolve('opencc-js/t2cn'));
    const file = `wenzheng-opencc-t2cn-${contentKey(build)}.txt`;
    expect(readdirSync(cacheFolder()!)).toContain(file);
    expect(readFileSync(join(cacheFolder()!, file), 'utf8')).toBe(convertibleCharacters(convert));
  });
});
