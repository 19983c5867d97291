// Shared set-up for the publish tests: a fake ARM with one provider and two caller services, a generated
// layout on disk, and publish()/restore() run in-process through the real SDK over HTTPS with a captured io.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CommonOptions, type PublishIO, publish, restore } from "../../src/publish/publish.js";
import type { PublishConfig, ServiceCoordinates } from "../../src/publish/targets.js";
import { FakeArm } from "../support/fake-arm/server.js";

const here = join(import.meta.dirname, "fixtures");
export const PROVIDER_POLICY = readFileSync(join(here, "provider.policy.xml"), "utf8");
export const CALLER_POLICY = readFileSync(join(here, "caller.policy.xml"), "utf8");
export const OLD_POLICY = readFileSync(join(here, "old.policy.xml"), "utf8");

export const SECRET = "pk-9f3c1d7e5b2a4c6e8d0f1a3b5c7d9e1f";
export const TOKEN = "fake-arm-test-token-0123456789";

export const PROVIDER: ServiceCoordinates = {
  tenantId: "22222222-2222-4222-8222-222222222222",
  subscriptionId: "2a2a2a2a-2a2a-4a2a-8a2a-2a2a2a2a2a2a",
  resourceGroup: "tenant2-rg",
  serviceName: "tenant2-apim",
};
export const CALLER_A: ServiceCoordinates = {
  tenantId: "11111111-1111-4111-8111-111111111111",
  subscriptionId: "1a1a1a1a-1a1a-4a1a-8a1a-1a1a1a1a1a1a",
  resourceGroup: "tenant1-rg",
  serviceName: "tenant1-apim",
};
export const CALLER_B: ServiceCoordinates = {
  tenantId: "33333333-3333-4333-8333-333333333333",
  subscriptionId: "3a3a3a3a-3a3a-4a3a-8a3a-3a3a3a3a3a3a",
  resourceGroup: "tenant3-rg",
  serviceName: "tenant3-apim",
};

/** Scopes of the three policies in the fake. */
export const PROVIDER_SCOPE = "apis/partner-api/operations/validate";
export const CALLER_SCOPE = "apis/partner-proxy";

export const CONFIG: PublishConfig = {
  cloud: "AzureCloud",
  provider: { ...PROVIDER, apiId: "partner-api", operationId: "validate" },
  callers: [
    { ...CALLER_A, name: "tenant1", apiId: "partner-proxy" },
    { ...CALLER_B, name: "tenant3", apiId: "partner-proxy" },
  ],
};

export async function startFake(): Promise<FakeArm> {
  const fake = await FakeArm.start({ acceptToken: (t) => t === TOKEN });
  fake.addService(PROVIDER, { "partner-api": ["validate"] });
  fake.addService(CALLER_A, { "partner-proxy": [] });
  fake.addService(CALLER_B, { "partner-proxy": [] });
  return fake;
}

export interface Layout {
  provider?: string;
  callers?: Record<string, string>;
  namedValues?: unknown;
}

/** A work folder with the generated plain layout under out/. */
export function workDir(layout: Layout = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "apimkit-publish-"));
  const out = join(dir, "out");
  mkdirSync(join(out, "provider"), { recursive: true });
  writeFileSync(join(out, "provider", "policy.xml"), layout.provider ?? PROVIDER_POLICY);
  const callers = layout.callers ?? { tenant1: CALLER_POLICY, tenant3: CALLER_POLICY };
  for (const [name, text] of Object.entries(callers)) {
    mkdirSync(join(out, "callers", name), { recursive: true });
    writeFileSync(join(out, "callers", name, "policy.xml"), text);
  }
  const namedValues = layout.namedValues ?? [
    { name: "ProviderTenantId", value: PROVIDER.tenantId, secret: false },
    { name: "PartnerKey", value: SECRET, secret: true },
  ];
  writeFileSync(join(out, "named-values.json"), JSON.stringify(namedValues, null, 2));
  return dir;
}

export interface Captured {
  exitCode: number;
  report: Awaited<ReturnType<typeof publish>>["report"];
  stdout: string;
  stderr: string;
}

function captureIo(interactive = false, answer = false): { io: PublishIO; out: { stdout: string; stderr: string } } {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: {
      stdout: (t) => {
        out.stdout += t;
      },
      stderr: (t) => {
        out.stderr += t;
      },
      interactive,
      confirm: async () => answer,
    },
  };
}

export function common(fake: FakeArm, dir: string, extra: Partial<CommonOptions> = {}): CommonOptions {
  return {
    client: { auth: "token", armEndpoint: fake.url, tlsCa: fake.ca, env: { AZURE_BEARER_TOKEN: TOKEN } },
    dryRun: false,
    yes: true,
    rollback: true,
    json: false,
    workDir: dir,
    ...extra,
  };
}

export async function runPublish(
  fake: FakeArm,
  dir: string,
  extra: Partial<CommonOptions> & {
    only?: string;
    config?: PublishConfig;
    interactive?: boolean;
    answer?: boolean;
  } = {},
): Promise<Captured> {
  const { io, out } = captureIo(extra.interactive, extra.answer);
  const { only, config, interactive: _i, answer: _a, ...rest } = extra;
  const result = await publish(
    { ...common(fake, dir, rest), config: config ?? CONFIG, fromDir: "out", ...(only ? { only } : {}) },
    io,
  );
  return { ...result, ...out };
}

export async function runRestore(
  fake: FakeArm,
  dir: string,
  backupDir: string,
  extra: Partial<CommonOptions> = {},
): Promise<Captured> {
  const { io, out } = captureIo();
  const result = await restore({ ...common(fake, dir, extra), backupDir }, io);
  return { ...result, ...out };
}

/** Policy writes (PUT/DELETE) logged by the fake, as "METHOD scope". */
export function writeSummary(fake: FakeArm): string[] {
  return fake.writes().map((w) => `${w.method} ${w.path.replace(/^.*\/service\/([^/]+)\//, "$1/")} ${w.status}`);
}
