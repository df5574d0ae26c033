/**
 * The import graph of the server (src/, config/, entities/), as madge reads it, type imports
 * included: no module reaches itself, the composition root is imported by the program's entry alone,
 * entities depend on nothing of src/, and no two folders depend on each other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
}
// madge ships no types.
const madge = require('madge') as (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;

/**
 * A file's role folder: the top folder, the folder under src/ (src/channels/wechat/routes.ts →
 * src/channels), or a case kind's under src/cases/ (src/cases/hotline/rules/hotline.ts →
 * src/cases/hotline); a file in src/ is its own.
 */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0];
  if (parts[1] === 'cases' && parts.length > 3) return parts.slice(0, 3).join('/');
  return parts.length > 2 ? `src/${parts[1]}` : file;
}

let graph: Record<string, string[]>;
let circular: string[][];

beforeAll(async () => {
  const result = await madge(['src', 'config', 'entities'], {
    baseDir: join(__dirname, '..', '..'),
    fileExtensions: ['ts'],
    detectiveOptions: { ts: { skipTypeImports: false } },
  });
  graph = result.obj();
  circular = result.circular();
}, 120_000);

const importsOf = (prefix: string) =>
  Object.entries(graph)
    .filter(([file]) => file.startsWith(prefix))
    .flatMap(([file, deps]) => deps.map((dep) => `${file} -> ${dep}`));

describe('the import graph', () => {
  it('reads the whole tree', () => {
    expect(Object.keys(graph)).toEqual(expect.arrayContaining(['src/app.ts', 'config/index.ts', 'entities/index.ts']));
  });

  it('has no import cycles between files', () => {
    expect(circular.map((cycle) => cycle.join(' > '))).toEqual([]);
  });

  it("lets only the program's entry (src/cli/main.ts) import the composition root (src/app.ts)", () => {
    expect(Object.keys(graph).filter((file) => graph[file].includes('src/app.ts'))).toEqual(['src/cli/main.ts']);
  });

  it('keeps entities/ free of imports from src/', () => {
    expect(importsOf('entities/').filter((edge) => edge.includes(' -> src/'))).toEqual([]);
  });

  it('keeps config/ free of src modules that import config/ back, even through others', () => {
    const reaches = (from: string, seen = new Set<string>()): Set<string> => {
      for (const dep of graph[from] ?? [])
        if (!seen.has(dep)) {
          seen.add(dep);
          reaches(dep, seen);
        }
      return seen;
    };
    const fromConfig = [...reaches('config/index.ts')].filter((file) => file.startsWith('src/'));
    expect(fromConfig.filter((file) => [...reaches(file)].some((dep) => dep.startsWith('config/')))).toEqual([]);
  });

  it("keeps the rules pure (the cases' rules/ folders, the identity checks, the calendar): no file reading, and nothing of src/ but each other", () => {
    const isRule = (file: string) => /^src\/(cases\/[^/]+\/rules|cases\/shared|platform\/calendar)\//.test(file);
    const rules = Object.keys(graph).filter(isRule);
    expect(rules.length).toBeGreaterThan(0);
    expect(
      rules.flatMap((file) => graph[file].filter((dep) => !isRule(dep) && !dep.startsWith('entities/')).map((dep) => `${file} -> ${dep}`)),
    ).toEqual([]);
    expect(rules.filter((file) => /from '(node:)?fs(\/promises)?'/.test(readFileSync(join(__dirname, '..', '..', file), 'utf8')))).toEqual(
      [],
    );
  });

  /** Pairs of folders (as `grouping` names a file's folder) that import each other. */
  const mutual = (grouping: (file: string) => string) => {
    const edges = new Set<string>();
    for (const [file, deps] of Object.entries(graph))
      for (const dep of deps) if (grouping(file) !== grouping(dep)) edges.add(`${grouping(file)} -> ${grouping(dep)}`);
    return [...edges]
      .map((edge) => edge.split(' -> '))
      .filter(([from, to]) => from < to && edges.has(`${to} -> ${from}`))
      .map(([from, to]) => `${from} <-> ${to}`);
  };

  it('has no role folders that import each other', () => {
    expect(mutual(folderOf)).toEqual([]);
  });

  it('has no folders at all that import each other, a role and a folder inside it included (src/staff and src/staff/audit)', () => {
    expect(mutual((file) => file.slice(0, file.lastIndexOf('/')))).toEqual([]);
  });
});
