/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and prints where the time went: the functions with the most self
 * time, and the most inclusive time (the function and what it called), each as a share of the profile.
 *
 *   node dist/profile/summarize.js /tmp/prof/CPU.*.cpuprofile [--top 25] [--windows profile-windows.json --side client] [--calls 100000]
 *
 * `--windows FILE --side NAME` keeps only the samples taken while that side ran (client-calls.js `all` writes
 * the file); `--calls N` adds a column of microseconds per call (the time divided by N).
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
const windowsFile = flag("--windows");
const side = flag("--side");
if ((windowsFile === undefined) !== (side === undefined)) throw new Error("--windows and --side go together");
const windows = windowsFile
  ? (JSON.parse(readFileSync(windowsFile, "utf8")) as { side: string; startUs: number; endUs: number }[]).filter((w) => w.side === side)
  : undefined;
const calls = flag("--calls") === undefined ? undefined : Number(flag("--calls"));
const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!file) throw new Error("usage: summarize.js <file.cpuprofile> [--top N] [--windows FILE --side NAME] [--calls N]");

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
// Each sample's time: the profile's start plus the deltas so far (µs, the clock of process.hrtime).
let clock = profile.startTime;
const sampleTimes = profile.timeDeltas.map((d) => (clock += d));
const inWindow = (t: number) => !windows || windows.some((w) => t >= w.startUs && t < w.endUs);

// Self time per node, counted in samples. On a loaded machine the process waits for a core now and then, and
// the sample after such a wait carries the whole wait in its delta, charged to whatever happened to run: so a
// sample whose delta is over 3× the typical interval is left out, and each kept sample counts as one typical
// interval of CPU time (V8 samples at a fixed interval while the thread runs).
const sortedDeltas = [...profile.timeDeltas].sort((a, b) => a - b);
const interval = sortedDeltas[sortedDeltas.length >> 1] ?? 0;
let dropped = 0;
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (!inWindow(sampleTimes[i]!)) return;
  if ((profile.timeDeltas[i] ?? 0) > 3 * interval) {
    dropped++;
    return;
  }
  selfUs.set(id, (selfUs.get(id) ?? 0) + interval);
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
console.log(
  `${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled${side ? ` while ${side} ran` : ""} (${interval} µs a sample; ${dropped} samples after a wait for a core left out), ${profile.samples.length} samples in all`,
);
print("self time", self);
print("inclusive time (the function and what it called)", inclusive);
