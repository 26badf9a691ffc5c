/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and prints where the time went: the functions with the most self
 * time, and the most inclusive time (the function and what it called), each as a share of the profile.
 *
 *   node dist/profile/summarize.js /tmp/prof/CPU.*.cpuprofile [--top 25]
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const file = args.find((a, i) => !a.startsWith("--") && i !== topAt + 1);
if (!file) throw new Error("usage: summarize.js <file.cpuprofile> [--top N]");

const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** "name (package/file:line)": node_modules paths shortened to the package and file. */
function label(frame: CallFrame): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  const url = frame.url.replace(/^file:\/\//, "");
  const inModules = url.lastIndexOf("node_modules/");
  const where = inModules >= 0 ? url.slice(inModules + "node_modules/".length) : url.startsWith("node:") ? url : path.relative(process.cwd(), url);
  return `${name} (${where}:${frame.lineNumber + 1})`;
}

// Self time per node, from the samples and the time between them (µs).
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = profile.timeDeltas.reduce((a, b) => a + b, 0);

// Parents, to walk up from each sample for inclusive time (each label counted once per sample).
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  self.set(label(node.callFrame), (self.get(label(node.callFrame)) ?? 0) + us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const l = label(byId.get(at)!.callFrame);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + us);
  }
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [l, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${l}`);
  }
};
console.log(`${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled, ${profile.samples.length} samples`);
print("self time", self);
print("inclusive time (the function and what it called)", inclusive);
