// The areas of this engineer's part of the .NET library, registered with one call from dotnet/index.ts:
// date and time (with Guid), System.Text, regular expressions, System.Net/Uri and cryptography.
import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineCrypto } from "../crypto/index.js";
import { defineRegex } from "../regex/index.js";
import { defineText } from "../text/index.js";
import { defineTime } from "../time/index.js";
import { defineWeb } from "../web/index.js";

export function defineTimeTextRegexWebCrypto(registry: RuntimeRegistry): void {
  defineTime(registry);
  defineText(registry);
  defineRegex(registry);
  defineWeb(registry);
  defineCrypto(registry);
}
