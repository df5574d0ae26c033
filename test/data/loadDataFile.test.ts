import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import { join } from 'node:path';
import { z } from 'zod';
import { cacheFolder, contentKey } from '../../src/platform/data/derivedFile';
import { DataFileError, loadDataFile, parseDataText } from '../../src/platform/data/loadDataFile';
import { tempFiles } from '../support/files';

const YAML_VERSION = (require('yaml/package.json') as { version: string }).version;
const parsedFileOf = (text: string) => join(cacheFolder()!, `wenzheng-yaml-${contentKey(YAML_VERSION, text)}.v8`);

describe('loading a data file', () => {
  const schema = z.strictObject({ id: z.string(), words: z.array(z.string()) });

  it('parses a text once: the value is kept under the hash of the text, and follows the file when it changes', () => {
    const id = randomUUID();
    const text = `id: ${id}\nwords: [低保, 公积金]\n`;
    const { 'words.yaml': file } = tempFiles({ 'words.yaml': text });
    expect(existsSync(parsedFileOf(text))).toBe(false);
    expect(loadDataFile(file, schema)).toEqual({ id, words: ['低保', '公积金'] });
    expect(existsSync(parsedFileOf(text))).toBe(true);
    expect(loadDataFile(file, schema)).toEqual({ id, words: ['低保', '公积金'] });

    const edited = `id: ${id}\nwords: [低保, 医保]\n`;
    writeFileSync(file, edited);
    expect(loadDataFile(file, schema)).toEqual({ id, words: ['低保', '医保'] });
    expect(existsSync(parsedFileOf(edited))).toBe(true);
  });

  it('gives the value of a text parsed just now as it is, without reading it back', () => {
    const id = randomUUID();
    const text = `id: ${id}\nwords: [低保]\n`;
    const deserialize = jest.spyOn(v8, 'deserialize');
    try {
      expect(parseDataText('words.yaml', text, schema)).toEqual({ id, words: ['低保'] });
      expect(deserialize).not.toHaveBeenCalled();
      expect(parseDataText('words.yaml', text, schema)).toEqual({ id, words: ['低保'] });
      expect(deserialize).toHaveBeenCalledTimes(1);
    } finally {
      deserialize.mockRestore();
    }
  });

  it('validates the value each time, also when its text was parsed before', () => {
    const text = `id: ${randomUUID()}\nwords: 低保\n`;
    const { 'words.yaml': file } = tempFiles({ 'words.yaml': text });
    for (let i = 0; i < 2; i++) {
      expect(() => loadDataFile(file, schema)).toThrow(DataFileError);
      expect(() => loadDataFile(file, schema)).toThrow(`${file}: words: `);
    }
    expect(existsSync(parsedFileOf(text))).toBe(true);
  });

  it('names the file when its text is not YAML, and keeps nothing for it', () => {
    const text = `id: ${randomUUID()}\nwords: [低保\n`;
    const { 'broken.yaml': file } = tempFiles({ 'broken.yaml': text });
    expect(() => loadDataFile(file, schema)).toThrow(`${file}: (root): not valid YAML or JSON`);
    expect(existsSync(parsedFileOf(text))).toBe(false);
  });
});
