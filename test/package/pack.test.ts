// The package as a user gets it (runs in CI with the rest of the suite; ~30-60 s): `npm pack` of the built tree,
// installed into a fresh project from the npm cache; its CLI runs, `import { ... } from "apimkit"` works with type
// declarations, deep imports into dist are refused, and `apimkit init` writes a $schema that resolves there.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");
const version = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version as string;
const work = mkdtempSync(join(tmpdir(), "apimkit-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const POLICY =
  '<policies>\n  <inbound>\n    <set-header name="x" exists-action="override"><value>1</value></set-header>\n  </inbound>\n</policies>\n';

const CONSUMER_MJS = `import { emulate, generate, lintFiles, lintText, loadConfig, parsePolicy } from "apimkit";
const doc = parsePolicy(process.argv[2] ?? "", "policy.xml");
const findings = lintText(process.argv[2], { file: "apis/a/policy.xml" }).findings.map((f) => f.ruleId);
const files = (await lintFiles(["policy.xml"])).results.length;
const config = loadConfig(process.argv[3]);
const generated = generate(config, { layout: "plain" }).map((f) => f.path).sort();
const run = await emulate({
  policy: { file: "policy.xml", text: '<policies><inbound><return-response><set-status code="418" /></return-response></inbound></policies>' },
  request: { method: "GET", url: "https://apim.example/a" },
  outbound: async () => ({ status: 200 }),
});
let deep;
try { await import("apimkit/dist/src/lint/index.js"); deep = "allowed"; } catch (err) { deep = err.code; }
console.log(JSON.stringify({ root: doc.root?.name, findings, files, generated: generated.length, status: run.response.status, deep }));
`;

const CONSUMER_TS = `import { type Finding, lintText, parsePolicy, type Rule } from "apimkit";
const findings: Finding[] = lintText("<policies />", { file: "x.xml" }).findings;
const name: string | undefined = parsePolicy("<policies />").root?.name;
const rule: Rule = {
  id: "house/no-x",
  meta: { severity: "warn", category: "house", description: "d", docs: "" },
  create: (context) => ({ "set-header": (el) => context.report({ node: el, message: el.attributes[0]?.value.text ?? "" }) }),
};
// @ts-expect-error: the declarations are real types, not any (a number is no policy text).
lintText(42, { file: "x.xml" });
export { findings, name, rule };
`;

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 240_000 });
}

describe("the npm package", () => {
  it("packs, installs into a fresh project, runs its CLI, imports with types, and init's $schema resolves", () => {
    expect(existsSync(join(repo, "dist/src/index.d.ts")), "dist is built with declarations (npm run build)").toBe(true);

    // The tarball: the built tree (already built by `npm test`'s pretest, so no prepare here).
    const packed = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], repo))[0];
    const paths = (packed.files as { path: string }[]).map((f) => f.path);
    expect(paths).toContain("dist/src/index.d.ts");
    expect(paths).toContain("schemas/apimkit.schema.json");
    expect(paths).toContain("rules/base-missing.md");
    expect(paths.filter((p) => p.startsWith("dist/bench/") || p.startsWith("test/") || p.startsWith("src/"))).toEqual(
      [],
    );
    const tarball = join(work, packed.filename as string);

    const project = join(work, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    npm(["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], project);

    // The CLI from the installed package.
    const bin = join(project, "node_modules/.bin/apimkit");
    const cli = (...args: string[]) => spawnSync(bin, args, { cwd: project, encoding: "utf8" });
    expect(cli("--version").stdout).toBe(`${version}\n`);
    writeFileSync(join(project, "policy.xml"), POLICY);
    const lint = cli("lint", "policy.xml", "-f", "json");
    expect(lint.stderr).toBe("");
    expect(lint.status).toBe(1);
    expect(JSON.parse(lint.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain("base-missing");
    expect(cli("rules", "base-missing").stdout).toMatch(/^base-missing\n/);

    // init's $schema resolves in the installed project (editors follow it).
    expect(cli("init").status).toBe(0);
    const schemaRef = JSON.parse(readFileSync(join(project, "apimkit.json"), "utf8")).$schema as string;
    expect(schemaRef).toBe("./node_modules/apimkit/schemas/apimkit.schema.json");
    expect(existsSync(resolve(project, schemaRef))).toBe(true);

    // The library: every entry point named in the issue, and no deep import into dist.
    writeFileSync(join(project, "consumer.mjs"), CONSUMER_MJS);
    const example = join(repo, "examples/cross-tenant/apimkit.json");
    const run = spawnSync(process.execPath, ["consumer.mjs", POLICY, example], { cwd: project, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ root: "policies", files: 1, status: 418, deep: "ERR_PACKAGE_PATH_NOT_EXPORTED" });
    expect(out.findings).toContain("base-missing");
    expect(out.generated).toBeGreaterThan(2);

    // The type declarations: a TypeScript consumer type-checks against them (and a wrong call is an error).
    writeFileSync(join(project, "consumer.ts"), CONSUMER_TS);
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(repo, "node_modules/@types")],
        },
        files: ["consumer.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 300_000);
});
