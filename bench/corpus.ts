// The policies the benches run over: the shared real corpus beside the repo, else the bundled sample copy.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../src/util/paths.js";

/** ../shared/corpus when it is there, else test/fixtures/corpus-sample. */
export function benchCorpus(): string {
  const shared = resolve(packageRoot(), "../shared/corpus");
  return existsSync(shared) ? shared : resolve(packageRoot(), "test/fixtures/corpus-sample");
}

/**
 * Policy files under `root` whose names match `extension`, in sorted order. The editor snippets are fragments of
 * policies, not documents: left out.
 */
export function corpusPolicyFiles(root: string, extension: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        if (e !== "_vscode-snippets") walk(p);
      } else if (extension.test(e)) out.push(p);
    }
  };
  walk(root);
  return out;
}
