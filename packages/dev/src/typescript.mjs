// One warm TypeScript program per package: type-checks the package (its tsconfig.json: sources and tests) and
// emits the declarations of src/ into a cache folder, incrementally. What makes it fast is what a cold `tsc` or
// tsup's dts step redo every time: parsing lib.dom.d.ts, node_modules' types and every unchanged file, and
// re-checking files the change cannot affect. Here parsed files are kept (by path, mtime and size) and the
// builder program re-checks only what the change affects.
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { writeIfChanged } from "./files.mjs";

/**
 * @param {string} pkgDir  the package folder (with tsconfig.json)
 * @param {string} dtsDir  where the declarations of src/ go (mirrors src/)
 */
export function createWarmProject(pkgDir, dtsDir) {
  const configPath = join(pkgDir, "tsconfig.json");
  /** @type {Map<string, { stamp: string, file: ts.SourceFile }>} */
  const parsed = new Map();
  /** @type {ts.EmitAndSemanticDiagnosticsBuilderProgram | undefined} */
  let builder;
  /** Files to parse again on the next run, under a new version, as if they had changed (see `rehearse`). */
  let forget = (/** @type {string} */ _file) => false;
  let rehearsals = 0;

  const readConfig = () => {
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    });
    if (!config) throw new Error(`cannot read ${configPath}`);
    const options = {
      ...config.options,
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      declarationDir: dtsDir,
      declarationMap: false,
      sourceMap: false,
      incremental: false,
      composite: false,
    };
    delete options.tsBuildInfoFile;
    delete options.outDir;
    return { rootNames: config.fileNames, options, errors: config.errors };
  };

  const host = (/** @type {ts.CompilerOptions} */ options) => {
    const h = ts.createCompilerHost(options);
    const original = h.getSourceFile.bind(h);
    h.getSourceFile = (fileName, language, onError, shouldCreate) => {
      let stamp;
      try {
        const s = statSync(fileName);
        stamp = `${s.mtimeMs}:${s.size}`;
      } catch {
        return undefined;
      }
      const hit = parsed.get(fileName);
      if (hit && forget(fileName)) {
        parsed.delete(fileName);
        stamp = `${stamp}:rehearsal-${rehearsals}`;
      } else if (hit && !shouldCreate) {
        if (hit.stamp === stamp) return hit.file;
        // Touched but unchanged (a regenerated file with the same content): keep the parsed file, so the builder
        // sees the same version and re-checks nothing.
        if (ts.sys.readFile(fileName) === hit.file.text) {
          hit.stamp = stamp;
          return hit.file;
        }
      }
      const file = original(fileName, language, onError, shouldCreate);
      if (file) {
        /** @type {ts.SourceFile & { version?: string }} */ (file).version = stamp; // the builder compares versions
        parsed.set(fileName, { stamp, file });
      }
      return file;
    };
    return h;
  };

  return {
    /**
     * Type-checks the package and refreshes the declarations of src/ in dtsDir.
     * @returns {{ errors: string[], emitted: number }}
     */
    run() {
      const { rootNames, options, errors: configErrors } = readConfig();
      builder = ts.createEmitAndSemanticDiagnosticsBuilderProgram(rootNames, options, host(options), builder, configErrors);
      const diagnostics = [
        ...builder.getConfigFileParsingDiagnostics(),
        ...builder.getOptionsDiagnostics(),
        ...builder.getGlobalDiagnostics(),
        ...builder.getSyntacticDiagnostics(),
        ...builder.getSemanticDiagnostics(),
      ];
      let emitted = 0;
      const srcOut = join(dtsDir, "src");
      builder.emit(
        undefined,
        (file, text) => {
          if (!file.startsWith(srcOut)) return; // declarations of tests and examples are not wanted
          if (writeIfChanged(file, text)) emitted++;
        },
        undefined,
        true,
      );
      // Hand-written and generated .d.ts files under src/ (e.g. the validators' types) are not emitted by tsc.
      copyDeclarations(join(pkgDir, "src"), srcOut);
      const format = {
        getCanonicalFileName: (/** @type {string} */ f) => f,
        getCurrentDirectory: () => pkgDir,
        getNewLine: () => "\n",
      };
      const errors = diagnostics
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map((d) => ts.formatDiagnostic(d, format).trim());
      return { errors, emitted };
    },
    /**
     * Re-checks the package as if the files `changed` says had changed, writing nothing new (the declarations it
     * emits are the ones already there). The dev loop does this while it warms up: the first re-checks in a fresh
     * process took twice the CPU of later ones (V8 had not yet optimised TypeScript's code for them), so without
     * it the maintainer's first saves were the slow ones.
     * @param {(file: string) => boolean} changed
     */
    rehearse(changed) {
      rehearsals++;
      forget = changed;
      try {
        return this.run();
      } finally {
        forget = () => false;
      }
    },
    /** @param {string} file a path under the package */
    relative: (file) => relative(pkgDir, file),
  };
}

/** Copies every *.d.ts under `from` to the same place under `to`, when it changed. */
function copyDeclarations(/** @type {string} */ from, /** @type {string} */ to, depth = 0) {
  if (depth > 20) return; // bounded walk
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) copyDeclarations(source, join(to, entry.name), depth + 1);
    else if (entry.name.endsWith(".d.ts")) {
      mkdirSync(to, { recursive: true });
      writeIfChanged(join(to, entry.name), readFileSync(source, "utf8"));
    }
  }
}

