import type { SandboxInputError } from "../src/index.js";

/** What `action` threw, as `{ name, message, field }`, or "no error". */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    const { name, message, field } = error as SandboxInputError;
    return { name, message, field };
  }
  return "no error";
}
