import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { packageRoot } from "../paths.js";
import { measured } from "../report.js";
import type { Benchmark } from "./benchmark.js";

interface Size {
  /** What an app loads up front: the entry chunk and the chunks it imports statically. */
  initial: { minified: number; gzipped: number };
  /** Everything, lazily loaded chunks (`import()`) included. */
  total: { minified: number; gzipped: number };
}

/** Serves the entry's source from memory, resolving its imports from this package's node_modules. */
function virtualEntry(source: string): Plugin {
  return {
    name: "bench-entry",
    setup(b) {
      b.onResolve({ filter: /^bench-entry$/ }, () => ({ path: "bench-entry", namespace: "bench-entry" }));
      b.onLoad({ filter: /.*/, namespace: "bench-entry" }, () => ({ contents: source, resolveDir: packageRoot(), loader: "js" }));
    },
  };
}

/**
 * Bundles `source` for browsers the way an app's bundler would (ESM, minified, tree-shaken, code splitting on, so
 * a dynamic `import()` becomes a lazy chunk) and measures what loads up front and in all.
 */
async function bundleSize(source: string): Promise<Size> {
  const outdir = path.join(packageRoot(), ".bundle-out");
  const result = await build({
    entryPoints: { entry: "bench-entry" },
    plugins: [virtualEntry(source)],
    bundle: true,
    splitting: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const files = new Map(result.outputFiles.map((f) => [path.relative(process.cwd(), f.path), f.contents]));
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint !== undefined)!;
  const initial = new Set<string>();
  const visit = (name: string) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const imported of outputs[name]?.imports ?? []) if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(entry);
  const measure = (names: Iterable<string>) => {
    let minified = 0;
    let gzipped = 0;
    for (const name of names) {
      if (name.endsWith(".map")) continue;
      const code = files.get(name);
      if (!code) continue;
      minified += code.byteLength;
      gzipped += gzipSync(code, { level: 9 }).byteLength;
    }
    return { minified, gzipped };
  };
  return { initial: measure(initial), total: measure(Object.keys(outputs)) };
}

/** 7. What the client adds to an app's bundle over openapi-fetch alone (esbuild, from node_modules, min + gzip). */
export const bundle: Benchmark = {
  id: 7,
  title: "Bundle size (esbuild, min + gzip)",
  async run() {
    const client = await bundleSize(`export * from "@finicity-aggregation/client";`);
    const openapiFetch = await bundleSize(`export * from "openapi-fetch"; export { default } from "openapi-fetch";`);
    const kb = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
    return {
      config: { bundler: "esbuild 0.25", format: "esm", platform: "browser", minify: true, splitting: true, gzip: "level 9, per chunk" },
      rows: [
        measured("client (every export), loaded up front, min+gzip", client.initial.gzipped, "B", undefined,
          `minified ${kb(client.initial.minified)}; with lazy chunks (response validator): ${kb(client.total.minified)} minified, ${kb(client.total.gzipped)} gzipped`),
        measured("openapi-fetch alone, min+gzip", openapiFetch.initial.gzipped, "B", undefined, `minified ${kb(openapiFetch.initial.minified)}`),
        measured("client / openapi-fetch (min+gzip, up front)", client.initial.gzipped / openapiFetch.initial.gzipped, "x", undefined,
          `the layer adds ${kb(client.initial.gzipped - openapiFetch.initial.gzipped)} gzipped up front`),
        measured("client / openapi-fetch (min+gzip, lazy chunks included)", client.total.gzipped / openapiFetch.total.gzipped, "x"),
      ],
      data: { client, openapiFetch },
      notes: [],
    };
  },
};
