// picomatch, loaded on first use: most runs have no glob argument and no config globs, and a cold
// `apimkit lint one-file.xml` should not pay for it.
import { createRequire } from "node:module";
import type picomatchType from "picomatch";

let loaded: typeof picomatchType | undefined;

export function picomatch(): typeof picomatchType {
  loaded ??= createRequire(import.meta.url)("picomatch") as typeof picomatchType;
  return loaded;
}
