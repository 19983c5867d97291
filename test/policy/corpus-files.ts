// Locates the shared real-policy corpus (../shared/corpus beside the repo) and the bundled sample copy.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../..");
export const sharedCorpus = resolve(repoRoot, "../shared/corpus");
export const sampleCorpus = resolve(repoRoot, "test/fixtures/corpus-sample");
/** Every fixture of the project (the sample corpus among them). */
export const fixturesRoot = resolve(repoRoot, "test/fixtures");

export interface CorpusFile {
  /** Path relative to the corpus root, with `/`. */
  name: string;
  path: string;
  source: string;
}

/** Every policy file (`*.xml`) under `root`, except the editor snippet templates. */
export function corpusFiles(root: string): CorpusFile[] {
  if (!existsSync(root)) return [];
  const out: CorpusFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) {
        if (entry !== "_vscode-snippets") walk(p);
      } else if (entry.endsWith(".xml")) {
        out.push({ name: relative(root, p).split("\\").join("/"), path: p, source: readFileSync(p, "utf8") });
      }
    }
  };
  walk(root);
  return out;
}
