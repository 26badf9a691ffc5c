// The test order of the mutation runs (each package's vitest.mutation.config.ts): test files that failed last first,
// then the fastest first. Stryker stops a mutant's run at the first failing test (bail), and a static mutant (in
// module-level code) runs every test file: with vitest's own order (slowest first) each static mutant paid for the
// slowest files before the one that kills it; the file that killed the last mutant often kills the next, of the same
// module, too.
import { relative } from "node:path";
import { BaseSequencer } from "vitest/node";

export class MutationSequencer extends BaseSequencer {
  async sort(files) {
    const { cache, config } = this.ctx;
    const state = (spec) => cache.getFileTestResults(`${spec.project.name}:${relative(config.root, spec.moduleId)}`);
    return [...files].sort((a, b) => {
      const [sa, sb] = [state(a), state(b)];
      if (!sa || !sb) return !sa && sb ? -1 : !sb && sa ? 1 : 0; // not run yet: first
      if (sa.failed !== sb.failed) return sa.failed ? -1 : 1;
      return sa.duration - sb.duration;
    });
  }
}
