// A package's dist/, rebuilt in the warm process: the JavaScript with tsup (its tsup.config.ts, minus `dts` and
// `clean`; esbuild stays warm in this process), and the declarations by bundling what the warm TypeScript
// program emitted (src/typescript.mjs) with rollup-plugin-dts, the bundler tsup's own dts step uses, so
// dist/*.d.ts and *.d.cts keep their shape. tsup's dts step is what a cold build spends most on: it starts a
// fresh TypeScript program for every build.
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";
import { build as tsup } from "tsup";
import { writeIfChanged } from "./files.mjs";

/**
 * @param {string} root    the repository root
 * @param {string} pkgDir  the package folder
 * @param {string} dtsDir  where src/typescript.mjs emits this package's declarations
 */
export async function createBuilder(root, pkgDir, dtsDir) {
  const tsupDir = realpathSync(join(root, "node_modules", "tsup", "package.json"));
  const { bundleRequire } = await import(pathToFileURL(createRequire(tsupDir).resolve("bundle-require")).href);
  const { mod } = await bundleRequire({ filepath: join(pkgDir, "tsup.config.ts"), cwd: pkgDir });
  /** @type {import("tsup").Options} */
  const config = mod.default ?? mod;
  if (Array.isArray(config) || typeof config !== "object") throw new Error(`${pkgDir}/tsup.config.ts: expected one options object`);
  const entries = normalizeEntries(config.entry);
  // As tsup does: dependencies and peer dependencies stay imports, plus the config's own `external`.
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const external = [...(config.external ?? []), ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})].map(String);
  const dtsInput = Object.fromEntries(
    Object.entries(entries).map(([name, src]) => [name, join(dtsDir, src.replace(/\.ts$/, ".d.ts"))]),
  );
  return {
    /** Rebuilds the JavaScript of dist/ (tsup, warm esbuild). */
    async js() {
      const cwd = process.cwd();
      process.chdir(pkgDir); // tsup resolves entries and outDir against the working directory
      try {
        await tsup({
          ...config,
          entry: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, join(pkgDir, src)])),
          outDir: join(pkgDir, config.outDir ?? "dist"),
          tsconfig: join(pkgDir, "tsconfig.json"),
          dts: false,
          clean: false,
          silent: true,
          config: false,
        });
      } finally {
        process.chdir(cwd);
      }
    },
    /** Bundles the emitted declarations into dist/<entry>.d.ts and .d.cts. */
    async dts() {
      const bundle = await rollup({
        input: dtsInput,
        plugins: [dts()],
        external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
        onwarn: (warning, warn) => {
          if (warning.code !== "EMPTY_BUNDLE") warn(warning);
        },
      });
      try {
        for (const extension of [".d.ts", ".d.cts"]) {
          const { output } = await bundle.generate({ format: "es", entryFileNames: `[name]${extension}`, chunkFileNames: `[name]-[hash]${extension}` });
          // Unchanged declarations are not rewritten, so what depends on them has nothing to re-check.
          for (const chunk of output) if (chunk.type === "chunk") writeIfChanged(join(pkgDir, "dist", chunk.fileName), chunk.code);
        }
      } finally {
        await bundle.close();
      }
    },
  };
}

/** tsup's `entry` as { name: "src/..." } (an array names each entry after its file). */
function normalizeEntries(/** @type {unknown} */ entry) {
  if (Array.isArray(entry)) return Object.fromEntries(entry.map((e) => [basename(String(e)).replace(/\.[cm]?tsx?$/, ""), String(e)]));
  if (entry && typeof entry === "object") return Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, String(v)]));
  throw new Error("tsup.config.ts has no `entry`");
}
