// The handlebars side: strict mode (an unknown variable is an error), no automatic escaping (handlebars would
// also escape = ' and `), and escaping done on purpose by the helper that fits the context.
// Named-value references arrive as ready values from the view models ("{{t2-tenant-id}}" or the literal id):
// handlebars never re-reads its output, so they come out literally, and the templates stay the same whether
// named values are on or off.
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { packagePath } from "../util/paths.js";

export type TemplateName = "caller.xml" | "provider.xml" | "setup.sh";

const PARTIALS = ["exchange.xml"] as const;

/** XML attribute/text escaping. The view models only carry validated values, but nothing relies on that. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Inside a C# string literal inside a rawxml expression. */
export function escapeCsString(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`value cannot go into a C# string literal: ${JSON.stringify(value)}`);
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

/** A bash single-quoted word. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

let env: typeof Handlebars | undefined;
const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();

function environment(): typeof Handlebars {
  if (env) return env;
  const hb = Handlebars.create();
  const str = (v: unknown, helper: string): string => {
    if (typeof v !== "string" && typeof v !== "number")
      throw new Error(`{{${helper}}} expects a string, got ${typeof v}`);
    return String(v);
  };
  hb.registerHelper("xml", (v: unknown) => escapeXml(str(v, "xml")));
  hb.registerHelper("cs", (v: unknown) => escapeCsString(str(v, "cs")));
  hb.registerHelper("sh", (v: unknown) => shellQuote(str(v, "sh")));
  for (const name of PARTIALS) {
    hb.registerPartial(name.replace(/\.xml$/, ""), hb.compile(read(name), { noEscape: true, strict: true }));
  }
  env = hb;
  return hb;
}

function read(name: string): string {
  return readFileSync(packagePath("policy-templates", `${name}.hbs`), "utf8");
}

export function render(name: TemplateName, view: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = environment().compile(read(name), { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(view);
}
