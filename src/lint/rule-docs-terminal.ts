// A rule page for the terminal (`apimkit rules ID`): plain text when not a TTY, bold headings and highlighted
// code on one.
import { markdownToText } from "./rule-docs.js";

const BOLD = "\u001b[1m";
const CYAN = "\u001b[36m";
const DIM = "\u001b[2m";
const RESET = "\u001b[0m";

export function renderRulePage(markdown: string, color: boolean): string {
  if (!color) return markdownToText(markdown);
  const out: string[] = [];
  // Inline code may wrap onto the next line: prose is styled a run of lines at a time.
  let prose: string[] = [];
  const flush = () => {
    if (prose.length === 0) return;
    for (const line of inline(prose.join("\n"), "").split("\n")) {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      out.push(heading ? `${BOLD}${heading[1]!}${RESET}` : line);
    }
    prose = [];
  };
  let inCode = false;
  for (const line of markdown.replace(/\r\n/g, "\n").split("\n")) {
    if (/^\s*```/.test(line)) {
      flush();
      inCode = !inCode;
    } else if (inCode) out.push(`    ${DIM}${line}${RESET}`);
    else prose.push(line);
  }
  flush();
  return `${out.join("\n").trim()}\n`;
}

/** `code` in cyan, **bold** in bold, links as their label; `outer` is the style to return to. */
function inline(line: string, outer: string): string {
  return line
    .replace(/`([^`]*)`/g, `${CYAN}$1${RESET}${outer}`)
    .replace(/\*\*([^*]+)\*\*/g, `${BOLD}$1${RESET}${outer}`)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1");
}
