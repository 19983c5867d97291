// The .NET library of the emulator: one RuntimeRegistry with every area's runtime types. Each area module exports
// `define<Area>(registry)`; add yours with one import line and one call line.

import { RuntimeRegistry } from "../runtime-types.js";
import { defineCollections } from "./collections/index.js";
import { defineTimeTextRegexWebCrypto } from "./format/library.js";
import { defineJson } from "./json/index.js";
import { defineLinq } from "./linq/index.js";
import { definePrimitives } from "./primitives/index.js";
import { defineRandom } from "./random/index.js";
import { defineXml } from "./xml/index.js";

export function standardRegistry(): RuntimeRegistry {
  const registry = new RuntimeRegistry();
  definePrimitives(registry);
  defineTimeTextRegexWebCrypto(registry);
  defineCollections(registry);
  defineJson(registry);
  defineLinq(registry);
  defineXml(registry);
  defineRandom(registry);
  return registry;
}
