// The runtime registry the gateway evaluates with: the .NET library (src/emulator/dotnet) plus the `context`
// model. Built once per process: runtime types are immutable once defined.
import { standardRegistry } from "../../dotnet/index.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineContext } from "../context/index.js";

let shared: RuntimeRegistry | undefined;

export function gatewayRegistry(): RuntimeRegistry {
  if (!shared) {
    shared = standardRegistry();
    defineContext(shared);
  }
  return shared;
}
