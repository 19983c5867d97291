// Text from files, tokens or servers is shown with its control characters escaped: printing it must not move the
// cursor, clear the screen, retitle the terminal or forge a line.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `\x1b`-style escapes for control characters; with `keepNewlines`, line feeds (and tabs) stay as they are. */
export function escapeControl(text: string, keepNewlines = false): string {
  return text.replace(CONTROL, (c) =>
    keepNewlines && (c === "\n" || c === "\t") ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}
