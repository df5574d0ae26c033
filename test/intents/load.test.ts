import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DataFileError } from '../../src/platform/data/loadDataFile';
import { loadCity } from '../../src/understanding/places/city';
import { stripOpeners } from '../../src/understanding/intents/messageEdges';
import { loadIntents } from '../../src/understanding/intents/load';
import * as necessaryModule from '../../src/understanding/intents/necessary';
import * as recognizeModule from '../../src/understanding/intents/recognize';
import { joinPatterns } from '../../src/understanding/intents/recognize';
import { REQUIRED_INTENTS, type Intent } from '../../src/understanding/intents/schema';
import { normalize } from '../../src/understanding/nlp/normalize';

const INTENTS_DIR = join(__dirname, '../../intents');

type Data = Record<string, unknown>;
/** A change to one intent file: new data from the old, raw text, or null to delete it. */
type Change = ((data: Data) => Data) | string | null;

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of intents/ with some files changed, added or removed. */
function intentsWith(changes: Record<string, Change>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenzheng-intents-'));
  made.push(dir);
  for (const name of readdirSync(INTENTS_DIR)) writeFileSync(join(dir, name), readFileSync(join(INTENTS_DIR, name)));
  for (const [name, change] of Object.entries(changes)) {
    const path = join(dir, name);
    if (change === null) rmSync(path);
    else if (typeof change === 'string') writeFileSync(path, change);
    else writeFileSync(path, stringify(change(parse(readFileSync(path, 'utf8')) as Data)));
  }
  return dir;
}

/** The problems loadIntents reports for a folder, one `file: path: reason` line each. */
function problemsOf(dir: string): string[] {
  try {
    loadIntents(dir);
  } catch (err) {
    if (err instanceof DataFileError) return err.problems;
    throw err;
  }
  throw new Error('expected the folder to be refused');
}

describe('intents/', () => {
  const intents = loadIntents(INTENTS_DIR);

  it('holds every required intent, file name = intent name, sorted', () => {
    const names = intents.map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining([...REQUIRED_INTENTS]));
    expect(names).toEqual([...names].sort());
    expect(
      readdirSync(INTENTS_DIR)
        .filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))
        .sort(),
    ).toEqual(names.map((n) => `${n}.yaml`));
  });

  it('puts emergency above every other intent', () => {
    const emergency = intents.find((i) => i.name === 'emergency')!;
    expect(intents.filter((i) => i !== emergency).every((i) => i.priority < emergency.priority)).toBe(true);
  });

  it('has a situation for every emergency number of the city (110, 119, 120, 122 in config/city.yaml)', () => {
    const situations = intents.find((i) => i.name === 'emergency')!.situations;
    const numbers = loadCity('config/city.yaml').emergencyNumbers;
    expect(numbers.map((n) => n.number)).toEqual(['110', '119', '120', '122']);
    expect(situations.map((s) => s.service).sort()).toEqual(numbers.map((n) => n.service).sort());
  });

  it('comes loaded with each pattern list as one test, the joined expression behind the gate of what it needs', () => {
    for (const intent of intents) {
      const lists = [
        [intent.anyPattern, intent.patterns],
        [intent.anyExclude, intent.exclude],
        ...intent.categories.map((category) => [category.anyPattern, category.patterns] as const),
        ...intent.situations.map((situation) => [situation.anyPattern, situation.patterns] as const),
      ] as const;
      for (const [test, patterns] of lists) {
        const joined = joinPatterns(patterns);
        if (joined) for (const example of intent.examples) expect(test.test(normalize(example))).toBe(joined.test(normalize(example)));
      }
    }
    const human = intents.find((i) => i.name === 'human')!;
    expect(human.anyPattern.test('我要转人工')).toBe(true);
    expect(human.anyPattern.test('低保怎么申请')).toBe(false);
  });

  it('gives every intent at least 8 examples and one reply', () => {
    for (const intent of intents) {
      expect(intent.examples.length).toBeGreaterThanOrEqual(8);
      expect(intent.replies.length).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('loadIntents refuses bad files, naming file and field', () => {
  it('reports an empty example', () => {
    // The example named in the issue: intents/human.yaml: examples[3]: must not be empty
    const dir = intentsWith({ 'human.yaml': (d) => ({ ...d, examples: (d.examples as string[]).map((e, i) => (i === 3 ? '  ' : e)) }) });
    expect(problemsOf(dir)).toEqual([`${join(dir, 'human.yaml')}: examples[3]: must not be empty`]);
  });

  it('reports a name that is not the file name', () => {
    const dir = intentsWith({ 'thanks.yaml': (d) => ({ ...d, name: 'thank' }) });
    expect(problemsOf(dir)).toEqual([`${join(dir, 'thanks.yaml')}: name: must equal the file name "thanks", not "thank"`]);
  });

  it('reports a regular expression that does not compile, by its path', () => {
    const dir = intentsWith({ 'menu.yaml': (d) => ({ ...d, patterns: [...(d.patterns as string[]).slice(0, 1), '(菜单'] }) });
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/menu\.yaml: patterns\[1\]: is not a valid regular expression: /)]);
  });

  it('reports regular expressions deep in captures, situations and categories', () => {
    const dir = intentsWith({
      'ticket.status.yaml': (d) => ({ ...d, capture: { ticketNumber: { pattern: '12345[' } } }),
      'emergency.yaml': (d) => ({
        ...d,
        situations: (d.situations as Data[]).map((s, i) => (i === 0 ? { ...s, patterns: ['火+++'] } : s)),
      }),
      'hotline.report.yaml': (d) => ({ ...d, categories: [{ code: 'complaint', label: '投诉', patterns: ['投诉|'] }] }),
    });
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(/emergency\.yaml: situations\[0\]\.patterns\[0\]: is not a valid regular expression/),
      expect.stringMatching(/hotline\.report\.yaml: categories\[0\]\.patterns\[0\]: matches empty text/),
      expect.stringMatching(/ticket\.status\.yaml: capture\.ticketNumber\.pattern: is not a valid regular expression/),
    ]);
  });

  it('reports a word class _words.yaml lacks, and a class without words', () => {
    const dir = intentsWith({ 'menu.yaml': (d) => ({ ...d, patterns: [...(d.patterns as string[]), '^{nowhere}$'] }) });
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'menu.yaml')}: patterns[${(parse(readFileSync(join(INTENTS_DIR, 'menu.yaml'), 'utf8')) as { patterns: string[] }).patterns.length}]: uses unknown word class {nowhere} (see _words.yaml)`,
    ]);
    // A class without words is reported by the file and the field (before the patterns that then lack it).
    const classes = (parse(readFileSync(join(INTENTS_DIR, '_words.yaml'), 'utf8')) as { classes: Data }).classes;
    const broken = intentsWith({ '_words.yaml': stringify({ classes: { ...classes, bot: [] } }) });
    expect(problemsOf(broken)[0]).toBe(`${join(broken, '_words.yaml')}: classes.bot: needs at least one word`);
  });

  it('reports a sequence naming a word class _words.yaml lacks, a step that is no class, and a filler that is no class', () => {
    const sequences = (parse(readFileSync(join(INTENTS_DIR, 'menu.yaml'), 'utf8')) as { sequences: string[] }).sequences;
    const dir = intentsWith({ 'menu.yaml': (d) => ({ ...d, sequences: [...sequences, 'bot nowhere?', 'bot (what)'] }) });
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'menu.yaml')}: sequences[${sequences.length}]: uses unknown word class nowhere (see _words.yaml)`,
      `${join(dir, 'menu.yaml')}: sequences[${sequences.length + 1}]: step "(what)" must be class names joined by | with ?, + or * after them`,
    ]);
    const words = parse(readFileSync(join(INTENTS_DIR, '_words.yaml'), 'utf8')) as { classes: Data; fillers: string[] };
    const broken = intentsWith({ '_words.yaml': stringify({ ...words, fillers: [...words.fillers, 'nowhere'] }) });
    expect(problemsOf(broken)[0]).toBe(`${join(broken, '_words.yaml')}: fillers[${words.fillers.length}]: names no word class in classes`);
  });

  it('reports a subject class that is no class', () => {
    const words = parse(readFileSync(join(INTENTS_DIR, '_words.yaml'), 'utf8')) as { classes: Data; subjects: string[] };
    const broken = intentsWith({ '_words.yaml': stringify({ ...words, subjects: [...words.subjects, 'nowhere'] }) });
    expect(problemsOf(broken)[0]).toBe(
      `${join(broken, '_words.yaml')}: subjects[${words.subjects.length}]: names no word class in classes`,
    );
  });

  it('names the file and the field of a message edge word not written normalized, and reads the edges as data', () => {
    const classes = (parse(readFileSync(join(INTENTS_DIR, '_words.yaml'), 'utf8')) as { classes: Record<string, string[]> }).classes;
    const broken = intentsWith({ '_words.yaml': stringify({ classes: { ...classes, opener: ['好的', 'OK'] } }) });
    expect(problemsOf(broken)[0]).toBe(
      `${join(broken, '_words.yaml')}: classes.opener[1]: must be written normalized (simplified, lower-case, no punctuation): "ok"`,
    );
    const [intent] = loadIntents(
      intentsWith({ '_words.yaml': stringify({ classes: { ...classes, opener: [...classes.opener, '得嘞'] } }) }),
    );
    expect(stripOpeners('得嘞 转人工', intent.edges)).toBe('转人工');
    expect(stripOpeners('得嘞 转人工', loadIntents(INTENTS_DIR)[0].edges)).toBe('得嘞 转人工');
  });

  it('reports a pattern that would match every message', () => {
    const dir = intentsWith({ 'greeting.yaml': (d) => ({ ...d, patterns: ['你好|'] }) });
    expect(problemsOf(dir)).toEqual([`${join(dir, 'greeting.yaml')}: patterns[0]: matches empty text, so it would match every message`]);
  });

  it('reports too few examples, a missing field and an unknown field', () => {
    const dir = intentsWith({ 'goodbye.yaml': (d) => ({ ...d, examples: ['再见'], replies: undefined, tone: 'warm' }) });
    expect(problemsOf(dir)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/goodbye\.yaml: examples: needs at least 8 examples/),
        expect.stringMatching(/goodbye\.yaml: replies: /),
        expect.stringMatching(/goodbye\.yaml: \(root\): .*tone/),
      ]),
    );
  });

  it('reports a placeholder the intent cannot fill', () => {
    const dir = intentsWith({ 'ticket.status.yaml': (d) => ({ ...d, replies: ['正在查询工单{ticketNo}', '请发送工单编号'] }) });
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(
        /ticket\.status\.yaml: replies\[0\]: uses unknown placeholder \{ticketNo\}; this intent offers .*\{ticketNumber\}/,
      ),
    ]);
  });

  it('requires a reply that needs nothing the text may lack', () => {
    const dir = intentsWith({ 'disclosure.status.yaml': (d) => ({ ...d, replies: ['正在查询申请{applicationNumber}'] }) });
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'disclosure.status.yaml')}: replies: needs one reply without placeholders the text may lack, for when they are missing`,
    ]);
  });

  it('requires the categories the dialogue reads (feedback polarities, thanks declining a person) and the emergency situations', () => {
    const dir = intentsWith({
      'feedback.yaml': (d) => ({ ...d, categories: (d.categories as Data[]).filter((c) => c.code !== 'negative') }),
      'thanks.yaml': (d) => ({ ...d, categories: (d.categories as Data[]).filter((c) => c.code !== 'noPerson') }),
      'emergency.yaml': (d) => ({ ...d, situations: [] }),
    });
    expect(problemsOf(dir)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/emergency\.yaml: situations: emergency needs its situations/),
        expect.stringMatching(/feedback\.yaml: categories: feedback needs a "negative" category/),
        expect.stringMatching(/thanks\.yaml: categories: thanks needs a "noPerson" category/),
      ]),
    );
  });

  it('reports a missing required intent', () => {
    const dir = intentsWith({ 'goodbye.yaml': null });
    expect(problemsOf(dir)).toEqual([`${dir}: (root): required intent "goodbye" is missing (expected goodbye.yaml)`]);
  });

  it('refuses an intent defined twice', () => {
    const dir = intentsWith({ 'greeting.yml': readFileSync(join(INTENTS_DIR, 'greeting.yaml'), 'utf8') });
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'greeting.yml')}: name: intent "greeting" is already defined in ${join(dir, 'greeting.yaml')}`,
    ]);
  });

  it('refuses the same example twice in one intent, even written differently', () => {
    const dir = intentsWith({ 'thanks.yaml': (d) => ({ ...d, examples: [...(d.examples as string[]), '謝謝！'] }) });
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/thanks\.yaml: examples\[\d+\]: says the same as examples\[0\]/)]);
  });

  it('refuses an example another intent takes', () => {
    const dir = intentsWith({ 'greeting.yaml': (d) => ({ ...d, examples: [...(d.examples as string[]), '你好 转人工'] }) });
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/greeting\.yaml: examples\[\d+\]: is recognised as human, not as greeting/)]);
  });

  it("refuses an example that is also another intent's", () => {
    const dir = intentsWith({ 'greeting.yaml': (d) => ({ ...d, examples: [...(d.examples as string[]), '辛苦了'] }) });
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/thanks\.yaml: examples\[\d+\]: is also an example of greeting/));
  });

  it('requires emergency to have the highest priority', () => {
    const dir = intentsWith({ 'human.yaml': (d) => ({ ...d, priority: 100 }) });
    expect(problemsOf(dir)).toContainEqual(
      `${join(dir, 'emergency.yaml')}: priority: must be higher than every other intent's (human has 100)`,
    );
  });

  it('reports YAML that does not parse', () => {
    const dir = intentsWith({ 'menu.yaml': 'name: menu\nexamples: [帮助\n' });
    expect(problemsOf(dir)).toEqual([expect.stringMatching(/menu\.yaml: \(root\): not valid YAML or JSON/)]);
  });

  it('reports every broken file at once', () => {
    const dir = intentsWith({ 'human.yaml': (d) => ({ ...d, priority: 'high' }), 'menu.yaml': (d) => ({ ...d, description: '' }) });
    expect(problemsOf(dir)).toEqual([
      `${join(dir, 'human.yaml')}: priority: Invalid input: expected number, received string`,
      `${join(dir, 'menu.yaml')}: description: must not be empty`,
    ]);
  });

  it('reports a folder that cannot be read', () => {
    expect(problemsOf(join(tmpdir(), 'wenzheng-no-such-folder'))).toEqual([
      expect.stringMatching(/wenzheng-no-such-folder: \(root\): cannot be read: ENOENT/),
    ]);
  });
});

describe('the check of the intents as a whole, kept for the same files and code', () => {
  // Codes no earlier run used, so that the first load of each checks.
  const run = randomUUID();
  const [codeA, codeB] = [`a-${run}`, `b-${run}`];

  it('recognises every example at the first load only; a change of a file or of the code checks again', () => {
    const dir = intentsWith({});
    const recognize = jest.spyOn(recognizeModule, 'recognizeIntent');
    try {
      loadIntents(dir, { matchingCode: codeA });
      const firstCheck = recognize.mock.calls.length;
      expect(firstCheck).toBeGreaterThan(50);

      loadIntents(dir, { matchingCode: codeA });
      expect(recognize.mock.calls.length).toBe(firstCheck);

      loadIntents(dir, { matchingCode: codeB });
      expect(recognize.mock.calls.length).toBe(2 * firstCheck);
      writeFileSync(join(dir, 'thanks.yaml'), `${readFileSync(join(dir, 'thanks.yaml'), 'utf8')}\n# 改过\n`);
      loadIntents(dir, { matchingCode: codeA });
      expect(recognize.mock.calls.length).toBe(3 * firstCheck);
    } finally {
      recognize.mockRestore();
    }
  });

  it('works out no pattern list’s gate at loading, checking the intents (first load) or not, only each list’s at its first test', () => {
    const dir = intentsWith({});
    const code = `c-${run}`;
    const derive = jest.spyOn(necessaryModule, 'gateFor');
    try {
      loadIntents(dir, { matchingCode: code });
      const intents = loadIntents(dir, { matchingCode: code });
      expect(derive).not.toHaveBeenCalled();
      const human = intents.find((i) => i.name === 'human')!;
      expect(human.anyPattern.test('我要转人工')).toBe(true);
      expect(human.anyPattern.test('低保怎么申请')).toBe(false);
      expect(derive.mock.calls).toEqual([[human.patterns]]);
    } finally {
      derive.mockRestore();
    }
  });

  it('compiles each pattern list’s joined expression once, for recognition and the check alike', () => {
    const dir = intentsWith({});
    const compile = jest.spyOn(globalThis, 'RegExp');
    let intents: Intent[];
    let sources: string[];
    try {
      // A code of its own: nothing kept, so the first load checks every example.
      intents = loadIntents(dir, { matchingCode: `joined-${run}` });
      sources = compile.mock.calls.map(([source]) => String(source));
    } finally {
      compile.mockRestore();
    }
    const joined = intents.flatMap((intent) => [intent.patterns, intent.exclude]).filter((patterns) => patterns.length > 1);
    expect(joined.length).toBeGreaterThan(10);
    for (const patterns of joined) expect(sources.filter((source) => source === joinPatterns(patterns)!.source)).toHaveLength(1);
  });

  it('prepares every list’s gate with gateSteps, each once, so that recognition works out none', () => {
    const intents = loadIntents(intentsWith({}), { matchingCode: `c-${run}` });
    const derive = jest.spyOn(necessaryModule, 'gateFor');
    try {
      const steps = recognizeModule.gateSteps(intents);
      for (const step of steps) step();
      const lists = intents.flatMap(recognizeModule.patternLists).map(({ patterns }) => patterns);
      expect(derive.mock.calls.map(([patterns]) => patterns)).toEqual(lists);
      for (const step of steps) step();
      for (const intent of intents) for (const example of intent.examples) recognizeModule.recognizeIntent(example, intents);
      expect(derive).toHaveBeenCalledTimes(lists.length);
    } finally {
      derive.mockRestore();
    }
  });

  it('keeps what the check found: a folder refused once is refused again', () => {
    const dir = intentsWith({ 'greeting.yaml': (d) => ({ ...d, examples: [...(d.examples as string[]), '你好 转人工'] }) });
    for (let i = 0; i < 2; i++) {
      expect(() => loadIntents(dir, { matchingCode: codeA })).toThrow(
        /greeting\.yaml: examples\[\d+\]: is recognised as human, not as greeting/,
      );
    }
  });
});
