// The runtime registry the gateway evaluates with: the .NET library (src/emulator/dotnet, built alongside) plus the
// `context` model. Built once per process: runtime types are immutable once defined.
import { RuntimeRegistry } from "../../runtime-types.js";
import { defineContext } from "../context/index.js";

let shared: Promise<RuntimeRegistry> | undefined;

export function gatewayRegistry(): Promise<RuntimeRegistry> {
  shared ??= build();
  return shared;
}

async function build(): Promise<RuntimeRegistry> {
  // A computed specifier, so that the gateway builds before the .NET library's entry point lands.
  const spec = ["..", "..", "dotnet", "index.js"].join("/");
  let registry: RuntimeRegistry | undefined;
  try {
    const mod = (await import(spec)) as { standardRegistry?: () => RuntimeRegistry };
    registry = mod.standardRegistry?.();
  } catch {
    registry = undefined;
  }
  registry ??= new RuntimeRegistry();
  defineContext(registry);
  return registry;
}
