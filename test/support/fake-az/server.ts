// The fake Azure CLI as a server on 127.0.0.1: the `az` in this folder is a bash script that sends it each call
// over bash's /dev/tcp and prints its answer, so a call costs a bash start, not a Node start. The script sends
// NUL-terminated fields: the session, the argument count, then each argument, followed by the file's content
// when the argument is "@path". The server answers with three: exit code, stdout, stderr.
// A session is one run of setup.sh against its own world.

import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { delimiter, resolve } from "node:path";
import { type AzResult, callAz, type World } from "./world.js";

export type { World } from "./world.js";

/** The folder holding the `az` script: put it first on PATH. */
export const FAKE_AZ_BIN = resolve(import.meta.dirname);

export interface FakeAzSession {
  /** Environment variables that send az calls to this session (with FAKE_AZ_BIN first on PATH). */
  env: Record<string, string>;
  /** The world as the calls so far left it. */
  world(): World;
}

export interface BashRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The world as the run's az calls left it. */
  world: World;
}

export interface FakeAz {
  session(world: World): FakeAzSession;
  /** Runs bash with `args` (a script and its arguments, or -c and a snippet) against its own copy of `world`. */
  bash(args: string[], world: World, env?: Record<string, string>): Promise<BashRun>;
  close(): Promise<void>;
}

interface AzRequest {
  session: string;
  args: string[];
  files: Map<string, string>;
}

export async function startFakeAz(): Promise<FakeAz> {
  const worlds = new Map<string, World>();
  const answer = (req: AzRequest): AzResult => {
    const before = worlds.get(req.session);
    if (!before) return { code: 99, stdout: "", stderr: `fake az: no session ${req.session}\n` };
    const { world, result } = callAz(before, req.args, req.files);
    worlds.set(req.session, world);
    return result;
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let received = Buffer.alloc(0);
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const req = parseRequest(received);
      if (!req) return;
      let result: AzResult;
      try {
        result = answer(req);
      } catch (e) {
        // A fault in the fake itself: fail the call loudly, as the process-per-call fake's stack trace did.
        result = { code: 99, stdout: "", stderr: `fake az crashed: ${e instanceof Error ? e.stack : String(e)}\n` };
      }
      socket.end(`${result.code}\0${result.stdout}\0${result.stderr}\0`);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as { port: number }).port;
  const session = (world: World): FakeAzSession => {
    const id = randomUUID();
    worlds.set(id, structuredClone({ ...world, commandLines: world.commandLines ?? [] }));
    return {
      env: {
        FAKE_AZ_PORT: String(port),
        FAKE_AZ_SESSION: id,
        PATH: `${FAKE_AZ_BIN}${delimiter}${process.env.PATH ?? ""}`,
      },
      world: () => structuredClone(worlds.get(id)!),
    };
  };
  return {
    session,
    async bash(args, world, env = {}) {
      const s = session(world);
      // Asynchronous: the server answering the calls runs in this process.
      const child = spawn("bash", args, { env: { ...process.env, ...env, ...s.env } });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      const code = await new Promise<number | null>((done, fail) => {
        child.on("error", fail);
        child.on("close", done);
      });
      return { code, stdout, stderr, world: s.world() };
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done())));
    },
  };
}

/** The request once all its fields have arrived, else undefined. */
function parseRequest(data: Buffer): AzRequest | undefined {
  const fields: string[] = [];
  let start = 0;
  for (let i = data.indexOf(0, start); i >= 0; i = data.indexOf(0, start)) {
    fields.push(data.toString("utf8", start, i));
    start = i + 1;
  }
  const [session, count] = fields;
  if (session === undefined || count === undefined) return undefined;
  const args: string[] = [];
  const files = new Map<string, string>();
  let next = 2;
  for (let n = 0; n < Number(count); n++) {
    const arg = fields[next++];
    if (arg === undefined) return undefined;
    args.push(arg);
    if (arg.startsWith("@")) {
      const content = fields[next++];
      if (content === undefined) return undefined;
      files.set(arg.slice(1), content);
    }
  }
  return { session, args, files };
}
