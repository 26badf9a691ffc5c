import { escapeControlChars } from "./control-chars.js";

/** What the client logs to: `console`, a pino logger, or anything with these four methods. */
export interface Logger {
  debug(message: string): unknown;
  info(message: string): unknown;
  warn(message: string): unknown;
  error(message: string): unknown;
}

/** `off` logs nothing; each other level logs itself and the levels before it. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/** The enabled methods only: a disabled level is `undefined`, so `log.debug?.(...)` costs nothing when off. */
export type Log = Partial<Record<Exclude<LogLevel, "off">, (message: string) => void>>;

/**
 * The client's log: `level` (else `FINICITY_LOG`, else `warn`) picks the methods; every line goes through
 * `clean` (the client's redaction) and gets a `[finicity]` prefix.
 */
export function createLog(logger: Logger = console, level: LogLevel | undefined, clean: (line: string) => string): Log {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.FINICITY_LOG;
  const rank = LOG_LEVELS.indexOf(level ?? (env as LogLevel));
  const log: Log = {};
  LOG_LEVELS.forEach((name, i) => {
    // An unknown FINICITY_LOG (rank -1) means the default, `warn` (2).
    if (i > 0 && i <= (rank < 0 ? 2 : rank)) log[name as keyof Log] = (line) =>
        // Control characters escaped: one call, one line.
        void logger[name as keyof Logger](escapeControlChars(clean(`[finicity] ${line}`)));
  });
  return log;
}
