// `apimkit parse FILE... [--json]`: reads policy files and prints each one's outline (or its model as JSON), and
// every problem as `FILE:LINE:COL: error: MESSAGE` on stderr (the GNU format editors understand).
import { readFileSync, statSync } from "node:fs";
import { decodePolicyBytes } from "../../policy/encoding.js";
import type { ChildNode, ElementNode, PolicyDocument, PolicyValue } from "../../policy/model.js";
import { parsePolicy } from "../../policy/parser.js";
import { fsErrorReason } from "../../util/fs-reason.js";
import { redactSecrets } from "../../util/redact.js";
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";
import { printExpressions } from "./parse-expressions.js";

interface ParseArgs {
  files: string[];
  json?: boolean;
  expressions?: boolean;
}

export const parseCommand: CliCommand<ParseArgs> = {
  command: "parse <files..>",
  describe: "Parse policy files and print their outline (or the model as JSON)",
  builder: (y) =>
    y
      .positional("files", { type: "string", array: true, describe: "Policy files (rawxml or xml format)" })
      .option("json", { type: "boolean", default: false, describe: "Print the document model as JSON" })
      .option("expressions", {
        type: "boolean",
        default: false,
        describe: "Print each C# expression's tree with positions and inferred types, and its C# errors",
      })
      .example("$0 parse policy.xml", "Outline of the policy, problems as FILE:LINE:COL")
      .example("$0 parse --json apis/*/policy.xml", "The models as a JSON array")
      .example("$0 parse --expressions policy.xml", "The tree and types of every policy expression"),
  run: async (args) => {
    const files = args.files ?? [];
    // Read everything first: a missing file is a usage error and nothing is printed.
    const sources = files.map((file) => ({ file, source: readPolicyFile(file) }));
    const docs = sources.map(({ file, source }) => parsePolicy(source, file));
    if (args.expressions) return printExpressions(docs, args.json === true);
    if (args.json) {
      process.stdout.write(`${redactSecrets(toJson(docs))}\n`);
    } else {
      for (const doc of docs) process.stdout.write(redactSecrets(outline(doc)));
    }
    let failed = false;
    for (const doc of docs) {
      for (const d of doc.diagnostics) {
        failed = true;
        process.stderr.write(
          redactSecrets(`${doc.file}:${d.range.start.line}:${d.range.start.column}: error: ${d.message}\n`),
        );
      }
    }
    return failed ? 1 : 0;
  },
};

function readPolicyFile(file: string): string {
  let isDir = false;
  try {
    isDir = statSync(file).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot read (${fsErrorReason(err)})`);
  }
  if (isDir) throw new UsageError(`${file}: is a folder (give policy files)`);
  try {
    return decodePolicyBytes(readFileSync(file));
  } catch (err) {
    throw new UsageError(`${file}: cannot read (${fsErrorReason(err)})`);
  }
}

// ---- outline ----

const MAX_VALUE = 48;

/** A readable tree: one line per element with its position, key attributes and the kind of its text. */
export function outline(doc: PolicyDocument): string {
  const lines: string[] = [`${doc.file} (${doc.kind}${doc.bom ? ", BOM" : ""})`];
  if (doc.root) {
    // Iterative walk: a deeply nested document must not overflow the stack.
    const stack: { node: ChildNode; depth: number }[] = [{ node: doc.root, depth: 1 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop() as { node: ChildNode; depth: number };
      if (node.type !== "element") continue;
      lines.push(`${"  ".repeat(depth)}${elementLine(node)}`);
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push({ node: node.children[i] as ChildNode, depth: depth + 1 });
    }
  }
  return `${lines.join("\n")}\n`;
}

function elementLine(el: ElementNode): string {
  const { line, column } = el.range.start;
  const attrs = el.attributes.map((a) => ` ${a.name}=${JSON.stringify(short(a.value))}`).join("");
  const texts = el.children.filter((k) => k.type === "text").map((k) => k.value);
  const text = texts.length > 0 ? `  ${texts.map(describeText).join(" ")}` : "";
  return `${line}:${column} <${el.name}${attrs}${el.selfClosing ? " />" : ">"}${text}`;
}

function short(v: PolicyValue): string {
  // Redacted before it is cut: a JWT cut short no longer looks like one, and its header and claims would show.
  const t = redactSecrets(v.text.trim().replace(/\s+/g, " "));
  return t.length > MAX_VALUE ? `${t.slice(0, MAX_VALUE - 1)}…` : t;
}

function describeText(v: PolicyValue): string {
  if (v.kind === "expression") return v.expression?.form === "block" ? "@{ block expression }" : "@( expression )";
  return JSON.stringify(short(v));
}

// ---- JSON ----

/** The model without parent links (no cycles) and without the source text. */
function documentJson(doc: PolicyDocument): unknown {
  return {
    file: doc.file,
    kind: doc.kind,
    bom: doc.bom,
    diagnostics: doc.diagnostics,
    topLevelComments: doc.topLevelComments.map(({ parent: _parent, ...c }) => c),
    root: doc.root,
  };
}

function toJson(docs: PolicyDocument[]): string {
  try {
    // Parent links would make cycles: the tree already says who the parent is.
    return JSON.stringify(docs.map(documentJson), (key, v) => (key === "parent" ? undefined : v), 2);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError("a document is nested too deeply to print as JSON");
    throw err;
  }
}
