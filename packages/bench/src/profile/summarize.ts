/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and prints where the time went: the functions with the most self
 * time, and the most inclusive time (the function and what it called), each as a share of the profile.
 *
 *   node dist/profile/summarize.js /tmp/prof/CPU.*.cpuprofile [--top 25] [--under clientCall] [--calls 100000]
 *
 * `--under NAME` keeps only the samples taken inside a function of that name (one side of client-calls.js `all`);
 * `--calls N` adds a column of microseconds per call (the time divided by N).
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
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const top = Number(flag("--top") ?? 25);
const under = flag("--under");
const calls = flag("--calls") === undefined ? undefined : Number(flag("--calls"));
const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!file) throw new Error("usage: summarize.js <file.cpuprofile> [--top N] [--under NAME] [--calls N]");

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

// Parents, to walk up from each sample for inclusive time (each label counted once per sample).
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inside = (id: number) => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)!.callFrame.functionName === under) return true;
  return false;
};

// Self time per node, from the samples and the time between them (µs). A sample's delta is the time since the
// previous sample, so it is charged to this sample's stack.
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (under !== undefined && !inside(id)) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

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
    const perCall = calls ? `${(us / calls).toFixed(2).padStart(7)} µs/call  ` : "";
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${perCall}${l}`);
  }
};
console.log(`${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled${under ? ` inside ${under}` : ""}, ${profile.samples.length} samples in all`);
print("self time", self);
print("inclusive time (the function and what it called)", inclusive);
