// The TreeHost over the file system (the CLI's and lint's; tests pass a tree in memory instead).
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync } from "node:fs";
import { decodePolicyBytes } from "../encoding.js";
import type { TreeHost } from "./apiops.js";

// Non-blocking, so that opening a FIFO returns at once (fstat then says it is not a file) instead of waiting.
const READ_NONBLOCK = constants.O_RDONLY | constants.O_NONBLOCK;

export const diskTreeHost: TreeHost = {
  readFile(path) {
    // Open first and ask the open file what it is (fstat): no separate stat of the path before each read.
    let fd: number;
    try {
      fd = openSync(path, READ_NONBLOCK);
    } catch {
      return undefined;
    }
    try {
      return fstatSync(fd).isFile() ? decodePolicyBytes(readFileSync(fd)) : undefined;
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
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
