/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): where the server's CPU time goes, by function (self
 * time) and by module (inclusive time: a sample counts once for every package or source file on its
 * stack). Used by bench/webhook.ts with WENZHENG_BENCH_PROFILE=1; also runnable on its own:
 *   node <build>/bench/webhook-profile.js FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled CPU time, idle excluded, in ms. */
  busyMs: number;
  idleMs: number;
  topSelf: { name: string; where: string; ms: number; share: number }[];
  /** Inclusive: a sample counts once for every package or project file on its stack. */
  topModules: { module: string; ms: number; share: number }[];
  /** Self time by module; native frames (no script) count for the closest caller that has one. */
  selfModules: { module: string; ms: number; share: number }[];
  /** Inclusive time of the project's own functions (src/, config/, entities/): the call sites to look at. */
  topOwn: { name: string; where: string; ms: number; share: number }[];
}

/** node_modules/<pkg> (scoped too), a project source file, node's internals, or V8's pseudo-frames. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/((?:src|config|entities|bench)\/.+?)(?:\.js)?$/.exec(url);
  if (own) return own[1]!;
  return url.replace(/^file:\/\//, '');
}

function where(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return '';
  const short = frame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/((?:src|config|entities|bench)\/)/, '$1');
  return `${short}:${frame.lineNumber + 1}`;
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  const moduleUs = new Map<string, number>();
  const moduleSelfUs = new Map<string, number>();
  const ownUs = new Map<string, { name: string; where: string; us: number }>();
  let busyUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idleUs += dt;
      return;
    }
    busyUs += dt;
    const key = `${frame.functionName}@${frame.url}:${frame.lineNumber}`;
    const entry = selfUs.get(key) ?? { name: frame.functionName || '(anonymous)', where: where(frame), us: 0 };
    entry.us += dt;
    selfUs.set(key, entry);
    // Inclusive by module: each module on the stack once. Node's internals and native frames sit under
    // nearly everything, so they are only counted for self time.
    const seen = new Set<string>();
    let selfModule: string | null = frame.url || frame.functionName.startsWith('(') ? moduleOf(frame.url, frame.functionName) : null;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (f.functionName === '(root)') continue;
      if (selfModule === null && f.url) selfModule = moduleOf(f.url, f.functionName);
      const module = moduleOf(f.url, f.functionName);
      if (seen.has(module) || module === 'node internals' || module === '(native)') continue;
      seen.add(module);
      moduleUs.set(module, (moduleUs.get(module) ?? 0) + dt);
    }
    selfModule ??= '(native)';
    const seenOwn = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (!/\/(src|config|entities)\//.test(f.url) || /node_modules/.test(f.url)) continue;
      const key = `${f.functionName}@${f.url}:${f.lineNumber}`;
      if (seenOwn.has(key)) continue;
      seenOwn.add(key);
      const entry = ownUs.get(key) ?? { name: f.functionName || '(anonymous)', where: where(f), us: 0 };
      entry.us += dt;
      ownUs.set(key, entry);
    }
    moduleSelfUs.set(selfModule, (moduleSelfUs.get(selfModule) ?? 0) + dt);
  });
  const share = (us: number) => (busyUs ? us / busyUs : 0);
  return {
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    topSelf: [...selfUs.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, ms: e.us / 1000, share: share(e.us) })),
    topModules: [...moduleUs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, ms: us / 1000, share: share(us) })),
    topOwn: [...ownUs.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, ms: e.us / 1000, share: share(e.us) })),
    selfModules: [...moduleSelfUs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, ms: us / 1000, share: share(us) })),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `Sampled ${summary.busyMs.toFixed(0)} ms with the server's thread not idle (wall-clock sampling: on a busy machine this includes time the OS gave to other processes), ${summary.idleMs.toFixed(0)} ms idle.`,
    '',
    '| self time | share | function | where |',
    '|---:|---:|---|---|',
    ...summary.topSelf.map((e) => `| ${e.ms.toFixed(0)} ms | ${pct(e.share)} | \`${e.name}\` | ${e.where} |`),
    '',
    '| self time | share | module (package or source file; native code counts for its caller) |',
    '|---:|---:|---|',
    ...summary.selfModules.map((m) => `| ${m.ms.toFixed(0)} ms | ${pct(m.share)} | ${m.module} |`),
    '',
    '| inclusive time | share | project function | where |',
    '|---:|---:|---|---|',
    ...summary.topOwn.map((e) => `| ${e.ms.toFixed(0)} ms | ${pct(e.share)} | \`${e.name}\` | ${e.where} |`),
    '',
    '| inclusive time | share | module (package or source file) on the stack |',
    '|---:|---:|---|',
    ...summary.topModules.map((m) => `| ${m.ms.toFixed(0)} ms | ${pct(m.share)} | ${m.module} |`),
  ].join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: webhook-profile FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  console.log(formatProfile(summarizeProfile(file, top ? Number(top) : 15)));
}
