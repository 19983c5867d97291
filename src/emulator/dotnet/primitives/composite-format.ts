// .NET composite formatting (`string.Format("{0,-5:F2}", x)`): `{index[,alignment][:format]}` items, `{{` and `}}`
// escapes. Each item's text comes from the value's ToString(format) (the format strings live in dotnet/format).

import { NetException } from "../../errors.js";
import type { CallInfo } from "../../runtime-types.js";
import type { NetValue } from "../../values.js";

function badFormat(call: CallInfo): NetException {
  return new NetException("FormatException", "Input string was not in a correct format.", call.at);
}

export function compositeFormat(
  format: string,
  args: readonly NetValue[],
  toText: (v: NetValue, format: string | undefined) => string,
  call: CallInfo,
): string {
  let out = "";
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (c === "}") {
      if (format[i + 1] === "}") {
        out += "}";
        i += 2;
        continue;
      }
      throw badFormat(call);
    }
    if (c !== "{") {
      out += c;
      i++;
      continue;
    }
    if (format[i + 1] === "{") {
      out += "{";
      i += 2;
      continue;
    }
    const close = format.indexOf("}", i);
    if (close < 0) throw badFormat(call);
    const item = /^\{\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([^}]*))?\}$/.exec(format.slice(i, close + 1));
    if (!item) throw badFormat(call);
    const index = Number(item[1]);
    if (index >= args.length) {
      throw new NetException(
        "FormatException",
        "Index (zero based) must be greater than or equal to zero and less than the size of the argument list.",
        call.at,
      );
    }
    let text = toText(args[index]!, item[3]);
    if (item[2]) {
      const width = Number(item[2]);
      text = width < 0 ? text.padEnd(-width) : text.padStart(width);
    }
    out += text;
    i = close + 1;
  }
  return out;
}
