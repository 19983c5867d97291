// A document's file on disk, from its URI (undefined for untitled buffers and other schemes).
import { fileURLToPath } from "node:url";

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
