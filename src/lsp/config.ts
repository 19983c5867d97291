// The lint config of each open file, found as `apimkit lint` finds it (.apimkitrc.json from the file's folder up),
// and dropped when a config file changes: on a watched-file event from the client, or when a config file the
// resolver read has a new modification time (clients that do not watch files still see edits).
import { statSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigResolver } from "../lint/config/resolver.js";
import { recommendedConfig } from "../lint/engine.js";
import { knownRuleMeta } from "../lint/presets.js";
import type { ResolvedConfig } from "../lint/resolved-config.js";
import { redactSecrets } from "../util/redact.js";

export interface FileConfig {
  config: ResolvedConfig;
  /** Why the user's config could not be used (the recommended rules apply instead). */
  error?: string;
  /** An `ignores` glob of the config matches the file: `apimkit lint` skips it, so the editor shows nothing. */
  ignored?: boolean;
  /** The config files that apply, outermost first, with the folder each sits in. */
  chain: readonly { file: string; dir: string; namedValues?: string[] | string }[];
}

export class ConfigCache {
  private resolver = this.makeResolver();
  /** Config file -> modification time when it was read. */
  private stamps = new Map<string, number>();

  /** The config for a file on disk; `undefined` path (an untitled buffer): the recommended rules. */
  configFor(path: string | undefined): FileConfig {
    if (!path) return { config: recommendedConfig(), chain: [] };
    if (this.stale()) this.reset();
    try {
      const chain = this.resolver.chainFor(dirname(path));
      for (const c of chain) if (!this.stamps.has(c.file)) this.stamps.set(c.file, mtime(c.file));
      const config = this.resolver.resolve(path);
      return {
        config,
        ignored: this.resolver.isIgnored(path),
        chain: chain.map((c) => ({ file: c.file, dir: c.dir, namedValues: c.data.namedValues })),
      };
    } catch (err) {
      // A config that cannot be read must not leave the editor without diagnostics: say why, lint with the defaults.
      const message = err instanceof Error ? err.message : String(err);
      return { config: recommendedConfig(), error: redactSecrets(message), chain: [] };
    }
  }

  /** Forget every config read (a .apimkitrc.json or a named-values file changed). */
  reset(): void {
    this.resolver = this.makeResolver();
    this.stamps.clear();
  }

  private stale(): boolean {
    for (const [file, stamp] of this.stamps) if (mtime(file) !== stamp) return true;
    return false;
  }

  private makeResolver(): ConfigResolver {
    return new ConfigResolver({ knownRules: knownRuleMeta() });
  }
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
