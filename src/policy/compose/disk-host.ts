// The TreeHost over the file system (the CLI's and lint's; tests pass a tree in memory instead).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { decodePolicyBytes } from "../encoding.js";
import type { TreeHost } from "./apiops.js";

export const diskTreeHost: TreeHost = {
  readFile(path) {
    try {
      if (!statSync(path).isFile()) return undefined;
      return decodePolicyBytes(readFileSync(path));
    } catch {
      return undefined;
    }
  },
  listDir(path) {
    try {
      return readdirSync(path, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return undefined;
    }
  },
};
