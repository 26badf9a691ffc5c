/**
 * `text` with its C0 and C1 control characters and DEL written as `\u001b`: printed in a terminal, it cannot move
 * the cursor, retitle the window, clear the screen or start a new line.
 */
export function escapeControlChars(text: string): string {
  return text.replace(/[\0-\x1f\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
