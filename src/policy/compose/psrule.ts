// Scope from a file name, by the PSRule convention for APIM policy files (Ronald Bosma's "Validate API Management
// policies with PSRule", the demo behind PSRule rules such as Azure.APIM.PolicyBase): `global.cshtml`, and
// `<name>.workspace.cshtml`, `<name>.product.cshtml`, `<name>.api.cshtml`, `<name>.operation.cshtml`,
// `<name>.fragment.cshtml`. The same names ending in `.xml` count too. Pure over the path.
import type { ComposeScope } from "../compose.js";

const GLOBAL = /^global\.(?:cshtml|xml)$/i;
const SUFFIXED = /^.+\.(workspace|product|api|operation|fragment)\.(?:cshtml|xml)$/i;

/**
 * The scope a PSRule-convention file name says, or undefined. [U] Case-insensitive: the convention compares
 * `global.cshtml` with PowerShell's -eq (case-insensitive) and the suffixes with EndsWith (case-sensitive);
 * one rule for both, as Windows file systems do not tell the cases apart.
 */
export function psruleScope(path: string): ComposeScope | "fragment" | undefined {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const name = path.slice(slash + 1);
  if (GLOBAL.test(name)) return "global";
  const m = SUFFIXED.exec(name);
  return m ? (m[1]!.toLowerCase() as ComposeScope | "fragment") : undefined;
}
