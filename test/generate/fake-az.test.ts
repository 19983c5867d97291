// The fake az itself: its bash client and server must hand setup.sh what a process-per-call fake would: every
// argument byte for byte, "@file" contents read by the caller, stdout and stderr apart, the exit code.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeAz, startFakeAz, type World } from "../support/fake-az/server.js";

const work = mkdtempSync(join(tmpdir(), "apimkit-fake-az-"));
let az: FakeAz;
beforeAll(async () => {
  az = await startFakeAz();
});
afterAll(async () => {
  await az.close();
  rmSync(work, { recursive: true, force: true });
});

const SUB = "11111111-1111-4111-8111-111111111111";
const TENANT = "22222222-2222-4222-8222-222222222222";

function world(): World {
  return {
    cloud: "AzureCloud",
    current: TENANT,
    subscriptions: { [SUB]: TENANT },
    logins: [TENANT],
    identities: [],
    apims: { [`${SUB}/rg/apim`]: { identity: { type: "SystemAssigned" } } },
    apps: {},
    sps: {},
    assignments: {},
    namedValues: {},
    writes: [],
    commandLines: [],
  };
}

/** Runs a bash snippet with the fake az first on PATH (and `env` set). */
function bash(script: string, env: Record<string, string> = {}) {
  return az.bash(["-c", script], world(), env);
}

describe("fake az", () => {
  it("answers on stdout with exit 0 and nothing on stderr", async () => {
    const r = await bash("az cloud show --query name -o tsv");
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "AzureCloud\n", ""]);
    expect(r.world.commandLines).toEqual(["cloud show --query name -o tsv"]);
  });

  it("a missing resource: exit 3, the error on stderr only, the world unchanged but for the command line", async () => {
    const r = await bash(`az apim show -g rg -n other --subscription ${SUB} --query identity.type -o tsv`);
    expect([r.code, r.stdout, r.stderr]).toEqual([3, "", "ERROR: (ResourceNotFound) apim was not found\n"]);
    expect({ ...r.world, commandLines: [] }).toEqual(world());
  });

  it("a call it does not know fails loudly with exit 99", async () => {
    const r = await bash("az group list");
    expect(r.code).toBe(99);
    expect(r.stderr).toBe("fake az: unsupported call: az group list\n");
  });

  it("arguments with spaces, quotes, newlines and non-ASCII arrive byte for byte", async () => {
    const value = `two words "quoted" it's\nsecond line é ✓\n`;
    const r = await bash(
      'az apim nv create -g rg -n apim --subscription "$S" --named-value-id nv --secret true --value "$V" -o none',
      { S: SUB, V: value },
    );
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.world.namedValues[`${SUB}/rg/apim`]).toEqual({ nv: { secret: "true", value } });
  });

  it('reads "@file" arguments itself, a process substitution too, and records only the path', async () => {
    const file = join(work, "value.txt");
    writeFileSync(file, "from a file\nwith a trailing newline\n");
    const args = `-g rg -n apim --subscription ${SUB} --secret true -o none`;
    const r = await bash(
      `az apim nv create ${args} --named-value-id a --value @${file} &&
       az apim nv create ${args} --named-value-id b --value @<(printf '%s' 's3cr3t')`,
    );
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.world.namedValues[`${SUB}/rg/apim`]).toEqual({
      a: { secret: "true", value: "from a file\nwith a trailing newline\n" },
      b: { secret: "true", value: "s3cr3t" },
    });
    expect(r.world.commandLines.join("\n")).not.toContain("s3cr3t");
    expect(r.world.commandLines[1]).toMatch(/--value @\/dev\/fd\/\d+$/);
  });

  it('an "@file" that cannot be read fails with exit 99 and changes nothing', async () => {
    const r = await bash(
      `az apim nv create -g rg -n apim --subscription ${SUB} --value @${join(work, "none")} -o none`,
    );
    expect(r.code).toBe(99);
    expect(r.stderr).toContain("cannot read");
    expect(r.world).toEqual(world());
  });
});
