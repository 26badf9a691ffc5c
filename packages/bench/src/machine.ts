import os from "node:os";
import type { MachineInfo } from "./report.js";

/** What the numbers came from: they only compare within one machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}
