// Bad input through the real CLI entry (main): one line naming the place and what was expected, exit 2, no stack,
// nothing half written. Cases that could hang (Node's recursive mkdir below /proc) run the built binary with a
// timeout, so a regression fails instead of stalling the suite.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "apimkit cli; bad-input-"));
const policy = join(dir, "policy.xml");
writeFileSync(policy, "<policies>\n  <inbound>\n    <base />\n  </inbound>\n</policies>\n");
const EXAMPLE = resolve("examples/cross-tenant/apimkit.json");
const BIN = resolve("bin/apimkit.js");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, out: stdout, err: stderr };
}

function bin(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", timeout: 30_000, cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** No temporary file of an atomic write is left in `folder`. */
function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith(".tmp"));
}

afterEach(() => vi.restoreAllMocks());

describe("output files that cannot be written", () => {
  it("lint -o a folder: one line naming it, exit 2, no internal error", async () => {
    const target = join(dir, "reports");
    mkdirSync(target, { recursive: true });
    const r = await run("lint", policy, "-o", target);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `apimkit: ${target}: cannot write (it is a folder; expected a file path); nothing was written\n`,
    );
    expect(leftovers(dir)).toEqual([]);
  });

  it("lint -o below a file: says a part of the path is a file", async () => {
    const r = await run("lint", policy, "-o", join(policy, "report.json"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/policy\.xml\/report\.json: cannot write \(a part of the path is a file, not a folder\)/);
    expect(r.err).not.toMatch(/internal error|ENOTDIR|\n.+\n/);
  });

  it("lint -o with a 250-character file name writes the report (the temporary name stays within the limit)", async () => {
    const target = join(dir, `${"r".repeat(245)}.json`);
    const r = await run("lint", policy, "-f", "json", "-o", target);
    expect(r.err).not.toMatch(/internal error|cannot write/);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(target, "utf8"))[0].filePath).toBe(policy);
  });

  it("init -o a path with spaces and ';': the suggested command quotes it", async () => {
    const target = join(dir, "revisioned-api;rev=2", "apimkit.json");
    const r = await run("init", "-o", target);
    expect(r.code).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(r.err).toContain(`apimkit generate -c '${target}'`);
  });

  it("generate --check -o a file: a usage error, not 'out of date'", async () => {
    const r = await run("generate", "-c", EXAMPLE, "-o", policy, "--check");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(`apimkit: -o ${policy}: is a file; expected the output folder\n`);
  });

  it("generate -o a file: one line, exit 2, the file untouched", async () => {
    const r = await run("generate", "-c", EXAMPLE, "-o", policy);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(
      /cannot write to .*policy\.xml: a part of the path is a file, not a folder \(nothing was written\)/,
    );
    expect(readFileSync(policy, "utf8")).toContain("<base />");
  });

  describe.runIf(process.platform === "linux")("below /proc (Node's recursive mkdir never returns there)", () => {
    beforeAll(() => {
      if (!existsSync(resolve("dist/src/cli/main.js")))
        throw new Error("dist/ is missing: run `npm run build` first (npm test does it)");
    });

    it("lint -o /proc/<missing>/report.json ends with exit 2 and one line", () => {
      const r = bin(["lint", policy, "-o", "/proc/apimkit-qa/report.json"]);
      expect(r.code).toBe(2);
      expect(r.err).toBe("apimkit: /proc/apimkit-qa/report.json: cannot write (no such folder); nothing was written\n");
    });

    it("generate -o /proc/<missing> ends with exit 2 and one line", () => {
      const r = bin(["generate", "-c", EXAMPLE, "-o", "/proc/apimkit-qa"]);
      expect(r.code).toBe(2);
      expect(r.err).toBe("apimkit: cannot write to /proc/apimkit-qa: no such folder (nothing was written)\n");
    });

    it("init -o /proc/<missing>/apimkit.json ends with exit 2 and one line", () => {
      const r = bin(["init", "-o", "/proc/apimkit-qa/apimkit.json"]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^apimkit: \/proc\/apimkit-qa\/apimkit\.json: cannot write \(no such folder\)/);
    });
  });
});

describe("option values", () => {
  it("--fix and --fix-dry-run together are refused before anything is written", async () => {
    const r = await run("lint", policy, "--fix", "--fix-dry-run");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^apimkit: Arguments fix and fix-dry-run are mutually exclusive/);
  });

  it.each([
    ["ten", "--max-warnings: expected a whole number, at least -1"],
    ["2.5", "--max-warnings 2.5: expected a whole number, at least -1"],
  ])("--max-warnings %s is refused", async (value, message) => {
    const r = await run("lint", policy, "--max-warnings", value);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`apimkit: ${message}\n`);
  });

  it("--concurrency many is refused without a NaN in the message", async () => {
    const r = await run("lint", policy, "--concurrency", "many");
    expect(r.code).toBe(2);
    expect(r.err).toBe("apimkit: --concurrency: expected a whole number, at least 1\n");
  });

  it("--rule takes one value: the file after it is linted, not read as a rule", async () => {
    const bad = join(dir, "no-base.xml");
    writeFileSync(
      bad,
      '<policies>\n  <inbound>\n    <set-header name="a" exists-action="override"><value>b</value></set-header>\n  </inbound>\n</policies>\n',
    );
    const r = await run("lint", "--rule", "base-missing:off", bad, "-f", "json");
    expect(r.err).toBe("");
    const [result] = JSON.parse(r.out);
    expect(result.filePath).toBe(bad);
    expect(result.messages.map((m: { ruleId: string }) => m.ruleId)).not.toContain("base-missing");
  });

  it("--rule can be repeated", async () => {
    const r = await run("lint", policy, "--rule", "base-missing:warn", "--rule", "http-url:off");
    expect(r.code).toBe(0);
  });

  it.each([
    [["lint", policy, "-f"], "-f needs a value"],
    [["lint", "--rule"], "--rule needs a value"],
    [["publish", "--only"], "--only needs a value"],
    [["explain-token", "x", "-p"], "-p needs a value"],
    [["doctor", "--fic"], "--fic needs a value"],
  ])("%j: an option without its value is a usage error", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(`apimkit: ${message}`);
    expect(r.out).toBe("");
  });

  it.each([
    ["soon", "--timeout: expected a number of seconds above 0"],
    ["-1", "--timeout -1: expected a number of seconds above 0"],
    ["0", "--timeout 0: expected a number of seconds above 0"],
  ])("explain-token --timeout %s is refused before anything is fetched", async (value, message) => {
    const r = await run(
      "explain-token",
      "x.y.z",
      "-p",
      policy,
      "--openid-config",
      "https://127.0.0.1:9/",
      "--timeout",
      value,
    );
    expect(r.code).toBe(2);
    expect(r.err).toBe(`apimkit: ${message}\n`);
  });

  it("doctor --timeout soon is refused", async () => {
    const r = await run("doctor", "-c", EXAMPLE, "--error", "AADSTS700213", "--timeout", "soon");
    expect(r.code).toBe(2);
    expect(r.err).toBe("apimkit: --timeout: expected a number of seconds above 0\n");
  });
});

describe("doctor --token -", () => {
  it("reads the token from stdin (the '-' is the option's value) and never echoes it", () => {
    const r = bin(["doctor", "-c", EXAMPLE, "--token", "-"], "eyJhbGciOiJub25lIn0.not-a-payload.x.y.z\n");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^apimkit: stdin: /);
    expect(r.err + r.out).not.toContain("eyJ");
  });

  it("a stray argument is refused", async () => {
    const r = await run("doctor", "-c", EXAMPLE, "extra");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^apimkit: Unknown argument: extra/);
  });

  it("the command list shows no internal positional", () => {
    const r = bin(["--help"]);
    expect(r.out).toMatch(/apimkit doctor {2,}/);
    expect(r.out).not.toContain("[dash]");
  });
});

describe("unknown options", () => {
  it("a JWT passed as an option is not echoed (yargs names only its header: --a.b.c is an option a)", async () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
    const r = await run("lint", "out", `--${jwt}`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^apimkit: Unknown argument: eyJ…\[redacted\]\n/);
    expect(r.err).not.toContain("eyJhbGci");
  });

  it("names each unknown option once (not also as its camel-case alias)", async () => {
    const r = await run("lint", "out", "--unknown-thing", "--other-x");
    expect(r.err).toMatch(/^apimkit: Unknown arguments: unknown-thing, other-x\n/);
  });
});

describe("error messages", () => {
  it("control characters from a file name are shown escaped, not sent to the terminal", async () => {
    const r = await run("parse", "\u001b[2J\rx.xml");
    expect(r.code).toBe(2);
    expect(r.err).toBe("apimkit: \\x1b[2J\\x0dx.xml: no such file\n");
  });
});

describe("commands", () => {
  it("an unknown command is named as such, with the list of commands", async () => {
    const r = await run("deploy", "--yes");
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "apimkit: unknown command 'deploy' (commands: parse, explain-token, doctor, lint, publish, init, generate, effective, test, lsp, rules)\n",
    );
  });

  it("a near miss is still answered with the closest command", async () => {
    const r = await run("lnt", "x.xml");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^apimkit: Did you mean lint\?/);
  });
});
