// --help of every command through the built binary: it works, and options read alike across commands.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = resolve("bin/apimkit.js");
const COMMANDS = ["parse", "lint", "generate", "init", "publish", "explain-token", "doctor"];

function help(command: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, command, "--help"], { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, out: r.stdout };
}

/** Option name -> its description (the text after the flags, up to the [type] brackets). */
function optionDescriptions(out: string): Map<string, string> {
  const map = new Map<string, string>();
  const options = out.slice(
    out.indexOf("\nOptions:"),
    out.includes("\nExamples:") ? out.indexOf("\nExamples:") : undefined,
  );
  for (const m of options.matchAll(/^ {2}(?:-\w, )? *--([\w-]+) +(\S[^[\n]*)/gm))
    map.set(m[1] as string, (m[2] as string).trim());
  return map;
}

describe("--help", () => {
  const helps = new Map<string, { code: number | null; out: string }>();
  beforeAll(() => {
    if (!existsSync(resolve("dist/src/cli/main.js")))
      throw new Error("dist/ is missing: run `npm run build` first (npm test does it)");
    for (const c of COMMANDS) helps.set(c, help(c));
  });

  it.each(COMMANDS)("%s --help exits 0 and shows its usage line", (command) => {
    const h = helps.get(command);
    expect(h?.code).toBe(0);
    expect(h?.out).toMatch(new RegExp(`^apimkit ${command}\\b`));
  });

  it.each(["lint", "generate", "publish", "explain-token", "doctor", "parse"])("%s --help has examples", (command) => {
    expect(helps.get(command)?.out).toMatch(/\nExamples:\n {2}apimkit /);
  });

  it("-h and -v are --help and --version, as in most CLIs", () => {
    const h = spawnSync(process.execPath, [BIN, "lint", "-h"], { encoding: "utf8", timeout: 30_000 });
    expect(h.status).toBe(0);
    expect(h.stdout).toBe(helps.get("lint")?.out);
    const v = spawnSync(process.execPath, [BIN, "-v"], { encoding: "utf8", timeout: 30_000 });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("every option description starts with a capital letter", () => {
    const lower: string[] = [];
    for (const [command, h] of helps) {
      for (const [name, text] of optionDescriptions(h.out))
        if (/^[a-z]/.test(text)) lower.push(`${command} --${name}: ${text}`);
    }
    expect(lower).toEqual([]);
  });

  it("--config means the same apimkit.json everywhere it is the apimkit config", () => {
    const texts = ["generate", "publish", "doctor"].map((c) =>
      optionDescriptions(helps.get(c)?.out ?? "").get("config"),
    );
    expect(texts[0]).toBeDefined();
    expect(new Set(texts).size).toBe(1);
  });
});
