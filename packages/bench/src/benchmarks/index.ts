import type { Benchmark } from "./benchmark.js";
import { overhead } from "./1-overhead.js";
import { loopback } from "./2-loopback.js";
import { iterate } from "./3-iterate.js";
import { throughput } from "./4-throughput.js";
import { verifier } from "./5-verifier.js";
import { pipeline } from "./6-pipeline.js";
import { bundle } from "./7-bundle.js";

/** Every benchmark, in the order `pnpm bench` runs them. */
export const BENCHMARKS: readonly Benchmark[] = [overhead, loopback, iterate, throughput, verifier, pipeline, bundle];
