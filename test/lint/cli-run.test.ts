import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseRuleArgs, runLintCli, useColor } from "../../src/lint/cli-run.js";
import { tmpTree } from "./tmp-tree.js";

class Capture extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

const CLEAN = `<policies>
  <inbound><base /></inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;

describe("runLintCli", () => {
  it("shows a progress line on a TTY stderr for more than 300 files, and clears it", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 301; i++) files[`p${i}.xml`] = CLEAN;
    const cwd = tmpTree(files);
    const tty = { stdout: new Capture(false), stderr: new Capture(true) };
    const code = await runLintCli({ paths: [], format: "json" }, { ...tty, cwd, env: {} });
    expect(code).toBe(0);
    expect(tty.stderr.text).toContain("\r\u001b[Klinting 1/301 files");
    expect(tty.stderr.text.endsWith("\r\u001b[K")).toBe(true);
    expect(JSON.parse(tty.stdout.text)).toHaveLength(301);

    const pipe = { stdout: new Capture(false), stderr: new Capture(false) };
    await runLintCli({ paths: [], format: "json" }, { ...pipe, cwd, env: {} });
    expect(pipe.stderr.text).toBe("");
  });

  it("no progress line for a small tree, even on a TTY", async () => {
    const cwd = tmpTree({ "a.xml": CLEAN });
    const io = { stdout: new Capture(false), stderr: new Capture(true) };
    await runLintCli({ paths: [], format: "stylish" }, { ...io, cwd, env: {} });
    expect(io.stderr.text).toBe("");
  });

  it("parses --rule id:level", () => {
    expect(parseRuleArgs(["base-missing:warn", " http-url : off "])).toEqual({
      "base-missing": "warn",
      "http-url": "off",
    });
    expect(() => parseRuleArgs(["base-missing:fatal"])).toThrow("expected RULE-ID:LEVEL");
    expect(parseRuleArgs(undefined)).toBeUndefined();
  });

  it("colour: FORCE_COLOR wins, then NO_COLOR, then a TTY not writing to a file", () => {
    expect(useColor({}, { isTTY: true }, false)).toBe(true);
    expect(useColor({}, { isTTY: true }, true)).toBe(false);
    expect(useColor({}, { isTTY: false }, false)).toBe(false);
    expect(useColor({ NO_COLOR: "1" }, { isTTY: true }, false)).toBe(false);
    expect(useColor({ NO_COLOR: "" }, { isTTY: true }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: "1", NO_COLOR: "1" }, { isTTY: false }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: "0" }, { isTTY: true }, false)).toBe(false);
  });
});
