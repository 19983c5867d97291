// find-and-replace, json-to-xml, xml-to-json (runtime reference §5.10). The conversions are the basic cases;
// every option they do not handle is NotEmulated by name.
import { createRequire } from "node:module";
import type * as FastXmlParser from "fast-xml-parser";
import type { ElementNode } from "../../../policy/model.js";
import { NotEmulated } from "../../errors.js";
import { MessageBody } from "../message.js";
import { EmulationError, PolicyError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";

const { XMLParser, XMLValidator } = createRequire(import.meta.url)("fast-xml-parser") as typeof FastXmlParser;

function bodyOf(run: Run): string | undefined {
  const b = run.message().body;
  return b && !b.consumed ? b.text : undefined;
}

/** find-and-replace: every ordinal occurrence of `from` in the body becomes `to` (an empty `to` deletes). */
export const findAndReplace: Handler = (el, run) => {
  const from = run.string(el, "from");
  const to = run.string(el, "to") ?? "";
  if (from === undefined || from === "") throw new EmulationError("find-and-replace needs a non-empty from");
  const text = bodyOf(run);
  if (text === undefined) {
    run.trace(el, "no body");
    return;
  }
  const msg = run.message();
  msg.body = new MessageBody(text.split(from).join(to));
  run.trace(el, `${text.split(from).length - 1} replaced`);
};

function refuseOptions(el: ElementNode, run: Run, handled: readonly string[]): void {
  for (const a of el.attributes)
    if (!handled.includes(a.name)) throw new NotEmulated(`${el.name} ${a.name}`, run.at(el));
}

/** Whether apply/consider-accept-header let the conversion happen. */
function applies(el: ElementNode, run: Run, contentWord: string, acceptWord: string): boolean {
  const apply = (run.string(el, "apply") ?? "").trim();
  const msg = run.message();
  const contentType = (msg.headers.get("Content-Type")?.[0] ?? "").toLowerCase();
  if (apply === `content-type-${contentWord}`) {
    if (!contentType.includes(contentWord)) return false;
  } else if (apply !== "always") throw new EmulationError(`${el.name} apply="${apply}"`);
  if (run.bool(el, "consider-accept-header", true)) {
    const accept = (run.context.request.headers.get("Accept") ?? []).join(",").toLowerCase();
    if (!accept.includes(acceptWord)) return false;
  }
  return true;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)/;

function hasDateString(v: unknown): boolean {
  if (typeof v === "string") return ISO_DATE.test(v);
  if (Array.isArray(v)) return v.some(hasDateString);
  if (v !== null && typeof v === "object") return Object.values(v).some(hasDateString);
  return false;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function toXml(name: string, v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => toXml(name, x)).join("");
  if (v === null || v === undefined) return `<${name} />`;
  if (typeof v === "object") {
    const inner = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => toXml(k, x))
      .join("");
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

/**
 * json-to-xml: the JSON under a `<Document>` root, properties as elements, arrays as repeated elements [U] (the
 * layout of APIM's output is not documented; docs/emulator.md).
 */
export const jsonToXml: Handler = (el, run) => {
  refuseOptions(el, run, ["apply", "consider-accept-header", "parse-date"]);
  if (!applies(el, run, "json", "xml")) {
    run.trace(el, "not applied");
    return;
  }
  const text = bodyOf(run);
  if (text === undefined) return;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PolicyError("JsonToXmlConversionFailure", "The body is not valid JSON.");
  }
  // parse-date (default true) rewrites date strings in a layout the docs do not give: only date-free JSON, or
  // parse-date="false", is converted.
  if (run.bool(el, "parse-date", true) && hasDateString(json))
    throw new NotEmulated("json-to-xml parse-date of a date string", run.at(el));
  const msg = run.message();
  msg.body = new MessageBody(toXml("Document", json));
  msg.headers.set("Content-Type", ["application/xml"]);
  run.assume("json-to-xml output layout: a <Document> root, properties as elements, arrays repeated");
};

/**
 * xml-to-json kind="javascript-friendly": elements become properties, repeated ones arrays, text values strings.
 * Attributes, mixed content and kind="direct" are NotEmulated [U] (docs/emulator.md).
 */
export const xmlToJson: Handler = (el, run) => {
  refuseOptions(el, run, ["apply", "consider-accept-header", "kind"]);
  const kind = (run.string(el, "kind") ?? "").trim();
  if (kind !== "javascript-friendly") throw new NotEmulated(`xml-to-json kind="${kind}"`, run.at(el));
  if (!applies(el, run, "xml", "json")) {
    run.trace(el, "not applied");
    return;
  }
  const text = bodyOf(run);
  if (text === undefined) return;
  if (XMLValidator.validate(text) !== true)
    throw new PolicyError("XmlToJsonConversionFailure", "The body is not valid XML.");
  const parsed = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
  }).parse(text);
  const hasAttributes = JSON.stringify(parsed).includes('"@_');
  if (hasAttributes) throw new NotEmulated("xml-to-json of elements with attributes", run.at(el));
  const msg = run.message();
  msg.body = new MessageBody(JSON.stringify(parsed));
  msg.headers.set("Content-Type", ["application/json"]);
  run.assume("xml-to-json javascript-friendly: elements as properties, repeated ones as arrays, values as strings");
};
