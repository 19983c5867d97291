// `apimkit parse --expressions` through the real CLI entry: trees with line:column of the file as written, C#
// problems on stderr in GNU form, exit 1 on a C# error, JSON with positions.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "apimkit-parse-expr-"));
const lines = [
  "<policies>",
  "  <inbound>",
  '    <set-variable name="who" value="@(context.User?.Email ?? &quot;anonymous&quot;)" />',
  '    <set-variable name="a" value="@{ var a = "x" return a; }" />',
  "  </inbound>",
  "</policies>",
  "",
];
const lf = join(dir, "lf.xml");
writeFileSync(lf, lines.join("\n"));
const crlf = join(dir, "crlf.xml");
writeFileSync(crlf, lines.join("\r\n"));
const clean = join(dir, "clean.xml");
writeFileSync(clean, [...lines.slice(0, 3), ...lines.slice(4)].join("\n"));

describe("apimkit parse --expressions", () => {
  it("prints each expression's tree with positions of the file as written (entities counted as written)", async () => {
    const r = await runCli(["parse", "--expressions", clean]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`${clean}:3:37 <set-variable value> @( )\n  Binary operator="??" 3:39-3:83 : string`);
    expect(r.stdout).toContain('    left: MemberAccess name="Email" ?. 3:39-3:58 : string');
    expect(r.stdout).toContain('      object: MemberAccess name="User" 3:39-3:51 : IUser');
    // &quot;anonymous&quot; spans the written entities: 3:62 to 3:83, not the 11 decoded characters.
    expect(r.stdout).toContain('    right: Literal literalKind="string" value="anonymous" 3:62-3:83');
  });

  it("reports a C# syntax error in C# style at the end of the previous token and exits 1", async () => {
    const r = await runCli(["parse", "--expressions", lf]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${lf}:4:49: error: ; expected [CS1002]\n`);
  });

  it("reports what the type checker finds, with its code, and exits 1", async () => {
    const file = join(dir, "typo.xml");
    writeFileSync(
      file,
      '<policies>\n  <inbound>\n    <set-header name="a" exists-action="override"><value>@(context.Reqest.Method)</value></set-header>\n  </inbound>\n</policies>\n',
    );
    const r = await runCli(["parse", "--expressions", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replace(/[.\\/]/g, "\\$&")}:3:68: error: .*Reqest.*Request.* \\[unknown-member\\]\n$`),
    );
  });

  it("gives the CRLF copy the same line:column as the LF copy", async () => {
    const a = await runCli(["parse", "--expressions", lf]);
    const b = await runCli(["parse", "--expressions", crlf]);
    expect(b.stdout.replaceAll(crlf, "F")).toBe(a.stdout.replaceAll(lf, "F"));
    expect(b.stderr.replaceAll(crlf, "F")).toBe(a.stderr.replaceAll(lf, "F"));
  });

  it("prints the trees as JSON with positions instead of offsets", async () => {
    const r = await runCli(["parse", "--expressions", "--json", lf]);
    expect(r.code).toBe(1);
    const [doc] = JSON.parse(r.stdout);
    expect(doc.expressions).toHaveLength(2);
    const [who, block] = doc.expressions;
    expect(who).toMatchObject({ element: "set-variable", attribute: "value", form: "inline" });
    expect(who.tree).toMatchObject({ kind: "Binary", operator: "??", start: { line: 3, column: 39 } });
    expect(block.diagnostics).toEqual([
      expect.objectContaining({
        code: "CS1002",
        message: "; expected",
        start: expect.objectContaining({ line: 4, column: 49 }),
      }),
    ]);
  });
});
