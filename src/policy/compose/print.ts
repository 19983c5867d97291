// The effective policy as text: rawxml with each element's origin in a comment before it, or JSON with an
// `origin` field on each element. Attribute values and text are written as serializer.ts writes them.
import type { ComposeDiagnostic, EffectiveChild, EffectiveElement, EffectivePolicy, Origin } from "../compose.js";
import type { Attribute, CommentNode, TextNode } from "../model.js";
import { serializeAttributeValue, serializeTextValue } from "../serializer.js";

/** `api: apis/hr/policy.xml:5:9`, plus the fragment for an inlined element. */
export function originText(origin: Origin): string {
  const at = `${origin.scope}: ${origin.file}:${origin.line}:${origin.column}`;
  if (origin.fragment === undefined) return at;
  const via = origin.includedAt;
  const from = via ? `, included at ${via.file}:${via.line}:${via.column}` : "";
  return `${at} (fragment ${origin.fragment}${from})`;
}

const INDENT = "  ";

export function effectiveToXml(policy: EffectivePolicy): string {
  const out: string[] = ["<policies>\n"];
  for (const section of policy.sections) {
    const pad = INDENT;
    out.push(pad, comment(originText(section.origin)), "\n", pad, "<", section.name);
    writeContent(section.name, section.children, 1, out);
    out.push("\n");
  }
  out.push("</policies>\n");
  return out.join("");
}

/** Writes `>children</name>` (or ` />`) after an open start tag at indentation `level`. */
function writeContent(name: string, kids: readonly EffectiveChild[], level: number, out: string[]): void {
  if (kids.length === 0) {
    out.push(" />");
    return;
  }
  out.push(">");
  if (kids.some((k) => k.type === "text")) {
    // Text is significant: children exactly as they are, no origin comments or line breaks added between them.
    for (const k of kids) writeInline(k, out);
  } else {
    const pad = `\n${INDENT.repeat(level + 1)}`;
    for (const k of kids) {
      if (k.type === "element") out.push(pad, comment(originText(k.origin)));
      out.push(pad);
      if (k.type === "element") writeElement(k, level + 1, out);
      else writeInline(k, out);
    }
    out.push(`\n${INDENT.repeat(level)}`);
  }
  out.push("</", name, ">");
}

function writeElement(el: EffectiveElement, level: number, out: string[]): void {
  out.push("<", el.name);
  for (const a of el.element.attributes) out.push(" ", attribute(a));
  if (el.children.length === 0 && !el.element.selfClosing) {
    out.push(`></${el.name}>`);
    return;
  }
  writeContent(el.name, el.children, level, out);
}

function writeInline(k: EffectiveChild, out: string[]): void {
  if (k.type === "element") {
    out.push("<", k.name);
    for (const a of k.element.attributes) out.push(" ", attribute(a));
    if (k.children.length === 0) {
      out.push(k.element.selfClosing ? " />" : `></${k.name}>`);
      return;
    }
    out.push(">");
    for (const c of k.children) writeInline(c, out);
    out.push("</", k.name, ">");
  } else if (k.type === "comment") out.push(comment(k.text));
  else out.push(text(k));
}

function text(k: TextNode): string {
  if (k.cdata) return `<![CDATA[${k.value.text.split("]]>").join("]]]]><![CDATA[>")}]]>`;
  return serializeTextValue(k.value);
}

function attribute(a: Attribute): string {
  return `${a.name}=${a.quote}${serializeAttributeValue(a.value, a.quote)}${a.quote}`;
}

function comment(body: string): string {
  // `--` cannot appear in a comment, nor `-` at its end.
  const safe = body.replace(/--/g, "- -").replace(/-$/, "- ");
  return body.startsWith(" ") ? `<!--${safe}-->` : `<!-- ${safe} -->`;
}

// ---- JSON ----

function originJson(origin: Origin): Record<string, unknown> {
  const out: Record<string, unknown> = {
    scope: origin.scope,
    file: origin.file,
    line: origin.line,
    column: origin.column,
  };
  if (origin.fragment !== undefined) out.fragment = origin.fragment;
  if (origin.includedAt) out.includedAt = originJson(origin.includedAt);
  return out;
}

function childJson(k: EffectiveChild): unknown {
  if (k.type === "element") {
    return {
      type: "element",
      name: k.name,
      origin: originJson(k.origin),
      attributes: k.element.attributes.map((a) => ({ name: a.name, kind: a.value.kind, value: a.value.text })),
      children: k.children.map(childJson),
    };
  }
  if (k.type === "comment") return { type: "comment", text: (k as CommentNode).text };
  return { type: "text", kind: k.value.kind, cdata: k.cdata, text: k.value.text };
}

/** `extra.diagnostics` (default: the composition's own) are those to report, e.g. composeFile's with missing parents. */
export function effectiveToJson(
  policy: EffectivePolicy,
  extra: { notes?: readonly string[]; diagnostics?: readonly ComposeDiagnostic[] } = {},
): unknown {
  return {
    file: policy.document.file,
    scope: policy.scope,
    chain: policy.chain.map((l) => ({ scope: l.scope, file: l.document.file, implicit: l.implicit })),
    sections: policy.sections.map((s) => ({
      name: s.name,
      origin: originJson(s.origin),
      children: s.children.map(childJson),
    })),
    diagnostics: extra.diagnostics ?? policy.diagnostics,
    assumptions: policy.assumptions,
    notes: extra.notes ?? [],
  };
}
