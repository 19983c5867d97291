// The enums of the date/time, regex and web areas, with their .NET values, and System.Globalization.CultureInfo as
// far as formatting needs it: only the invariant culture is emulated (docs/emulator.md, "Date and time").

import type { RuntimeRegistry } from "../../runtime-types.js";
import type { NetObject } from "../../values.js";
import { defineEnum, type EnumSpec } from "../primitives/enums.js";
import { DAY_NAMES } from "./calendar.js";

export const AREA_ENUMS: readonly EnumSpec[] = [
  { key: "System.DateTimeKind", values: { Unspecified: 0, Utc: 1, Local: 2 } },
  { key: "System.DayOfWeek", values: Object.fromEntries(DAY_NAMES.map((name, i) => [name, i])) },
  {
    key: "System.Globalization.DateTimeStyles",
    values: {
      None: 0,
      AllowLeadingWhite: 1,
      AllowTrailingWhite: 2,
      AllowInnerWhite: 4,
      AllowWhiteSpaces: 7,
      NoCurrentDateDefault: 8,
      AdjustToUniversal: 16,
      AssumeLocal: 32,
      AssumeUniversal: 64,
      RoundtripKind: 128,
    },
    flags: true,
  },
  {
    key: "System.Text.RegularExpressions.RegexOptions",
    values: {
      None: 0,
      IgnoreCase: 1,
      Multiline: 2,
      ExplicitCapture: 4,
      Compiled: 8,
      Singleline: 16,
      IgnorePatternWhitespace: 32,
      RightToLeft: 64,
      ECMAScript: 256,
      CultureInvariant: 512,
      NonBacktracking: 1024,
    },
    flags: true,
  },
  { key: "System.UriKind", values: { RelativeOrAbsolute: 0, Absolute: 1, Relative: 2 } },
  { key: "System.UriPartial", values: { Scheme: 0, Authority: 1, Path: 2, Query: 3 } },
  {
    key: "System.Net.Sockets.AddressFamily",
    values: { Unknown: -1, Unspecified: 0, InterNetwork: 2, InterNetworkV6: 23 },
  },
];

export const CULTURE_INFO = "System.Globalization.CultureInfo";

export class NetCulture implements NetObject {
  readonly $type = CULTURE_INFO;
  constructor(readonly name: string) {}
}

export function defineAreaEnums(registry: RuntimeRegistry): void {
  for (const e of AREA_ENUMS) defineEnum(registry, e);
  registry.define({
    key: CULTURE_INFO,
    supertypes: ["System.Object"],
    construct: (args) => new NetCulture(typeof args[0]?.value === "string" ? args[0].value : ""),
    instance: { Name: { kind: "property", get: (self) => (self as NetCulture).name } },
    static: {
      InvariantCulture: { kind: "property", get: () => new NetCulture("") },
      // [U] The gateway's current culture is not documented; the emulator formats with the invariant culture.
      CurrentCulture: { kind: "property", get: () => new NetCulture("") },
      GetCultureInfo: {
        kind: "method",
        call: (_s, args) => new NetCulture(typeof args[0]?.value === "string" ? args[0].value : ""),
      },
    },
    toString: (self) => (self as NetCulture).name,
  });
}
