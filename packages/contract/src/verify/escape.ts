/**
 * Characters a terminal (or a log viewer) acts on rather than shows: C0 controls (ESC starts the sequences
 * that clear a screen, move the cursor, colour text or set a window title), DEL, C1 controls (U+009B is a
 * one-character CSI), and the bidirectional overrides and isolates that reorder what is shown (Trojan Source),
 * plus the line and paragraph separators.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Makes text that came from a server safe to print on one line: every control character above becomes a
 * visible escape (`\x1b`, `\n`, `\u202e`); nothing else changes.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => {
    const named = NAMED[char];
    if (named) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
