import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where a process spent its CPU, from a V8 .cpuprofile (node --cpu-prof): the functions with the
 * most time, either their own (self) or including what they called (inclusive, each function
 * counted once per sample even when recursive). `(idle)` is time waiting for I/O.
 *
 *   npx tsx test/bench/cpu_profile_summary.ts <file.cpuprofile> [self|inclusive] [text the lines must contain]
 *
 * The labca-enroll bench writes the lab CA's profile with BENCH_LABCA_CPU_PROF=<folder> (the larger file
 * is the main thread; the other is tsx's loader thread).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

export function summarizeCpuProfile(profile: CpuProfile, mode: 'self' | 'inclusive'): ProfileLine[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const sampled = new Map<number, number>();
  profile.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...sampled.values()].reduce((sum, us) => sum + us, 0);
  const label = (node: ProfileNode) => {
    const where = node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(src-main|test)\//, '$1/');
    // tsx-compiled sources report line 0; a line is only shown when the profile knows it.
    const line = node.callFrame.lineNumber > 0 ? `:${node.callFrame.lineNumber + 1}` : '';
    return `${node.callFrame.functionName || '(anonymous)'} ${where}${line}`;
  };
  const times = new Map<string, number>();
  for (const [id, us] of sampled) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = mode === 'self' ? undefined : parentOf.get(current)) {
      const name = label(byId.get(current) as ProfileNode);
      if (seen.has(name)) continue;
      seen.add(name);
      times.set(name, (times.get(name) ?? 0) + us);
    }
  }
  return [...times]
    .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }))
    .sort((a, b) => b.ms - a.ms);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, mode = 'self', filter = ''] = process.argv.slice(2);
  if (!file || (mode !== 'self' && mode !== 'inclusive')) {
    process.stderr.write('usage: cpu_profile_summary.ts <file.cpuprofile> [self|inclusive] [filter]\n');
    process.exit(2);
  }
  const lines = summarizeCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, mode);
  const shown = lines.filter((l) => l.name.includes(filter)).slice(0, 60);
  process.stdout.write(shown.map((l) => `${l.ms.toFixed(0).padStart(8)} ms ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}\n`).join(''));
}
