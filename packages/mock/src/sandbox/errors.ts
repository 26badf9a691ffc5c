/** Bad input to the sandbox's options or control API: names the field and the rule it broke. */
export class SandboxInputError extends TypeError {
  override readonly name = "SandboxInputError";
  constructor(
    /** The option or field at fault, e.g. `customers` or `customer.username`. */
    readonly field: string,
    /** The rule it broke, e.g. `must be an integer from 0 to 100000`. */
    readonly rule: string,
  ) {
    super(`${field} ${rule}`);
  }
}

/** `handle` rejects with this when a `drop` fault says the connection must close without an answer. */
export class ConnectionDroppedError extends Error {
  override readonly name = "ConnectionDroppedError";
  constructor() {
    super("The sandbox dropped the connection (drop fault)");
  }
}
