// context.LastError as §5.2 of the runtime reference fills it: Source, Reason, Message, Scope, Section, Path,
// PolicyId.
import type { ElementNode } from "../../../policy/model.js";

export interface LastErrorFields {
  Source: string;
  Reason: string;
  Message: string;
  Scope: string;
  Section: string;
  Path: string;
  PolicyId: string | null;
}

/**
 * Path separator. The 2020 docs write `choose[3]/when[2]`, newer ones `choose[3]\\when[2]` (runtime reference §5.2
 * [U]); we follow the newer docs: one backslash (the doubled one reads as Markdown/JSON escaping).
 */
export const PATH_SEPARATOR = "\\";

const SECTIONS = new Set(["inbound", "backend", "outbound", "on-error"]);

/**
 * `name[i]` for the element and each ancestor below its section (or below the fragment root), i = its 1-based
 * position among its parent's elements in its own document.
 */
export function errorPath(el: ElementNode): string {
  const parts: string[] = [];
  for (let e: ElementNode | undefined = el; e?.parent; e = e.parent) {
    const p: ElementNode = e.parent;
    const siblings = p.children.filter((k): k is ElementNode => k.type === "element");
    parts.unshift(`${e.name}[${siblings.indexOf(e) + 1}]`);
    if ((SECTIONS.has(p.name) && p.parent?.name === "policies") || p.name === "fragment") break;
  }
  return parts.join(PATH_SEPARATOR);
}
