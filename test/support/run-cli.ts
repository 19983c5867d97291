// Runs the real CLI entry point in-process and collects what it prints.
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Both streams, interleaved in the order they were written. */
  output: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  let output = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    output += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    output += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr, output };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
