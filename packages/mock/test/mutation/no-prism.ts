// Stands in for src/prism.ts in the mutation runs (vitest.mutation.config.ts), so no test file loads Prism's
// modules for every mutant. Those runs start the sandbox without the proxy; starting Prism there is a mistake.
export type PrismLogLevel = "silent";
export type RunningPrism = { url: string; close(): Promise<void> };

export function startPrismServer(): Promise<RunningPrism> {
  return Promise.reject(new Error("Prism is not loaded in the mutation runs (vitest.mutation.config.ts)"));
}
