// Literal values: C# picks an integer literal's type by its magnitude (int, uint, long, ulong; C# §6.4.5.3) and
// its suffix; decimal literals keep their digits exactly (1.50m has scale 2).

import type { Literal } from "../../policy/csharp/ast.js";
import { NAMED_VALUE } from "../../policy/values.js";
import type { NumericType } from "../values.js";
import { char, Num } from "../values.js";
import { decParse } from "./decimal.js";
import type { Interpreter } from "./evaluator.js";
import { integral } from "./numbers.js";

const INT_MAX = 2n ** 31n - 1n;
const UINT_MAX = 2n ** 32n - 1n;
const LONG_MAX = 2n ** 63n - 1n;
const ULONG_MAX = 2n ** 64n - 1n;

export function literalValue(e: Literal, it: Interpreter): string | boolean | null | Num {
  switch (e.literalKind) {
    case "true":
      return true;
    case "false":
      return false;
    case "null":
      return null;
    case "string":
      return substituteNamedValues(e.value ?? "", it);
    case "char":
      return char((e.value ?? "\0").charCodeAt(0));
    case "number":
      return numberLiteral(e, it);
  }
}

/** `"{{name}}"` inside a string: APIM substitutes named values in the text before compiling (runtime ref §1.4). */
function substituteNamedValues(text: string, it: Interpreter): string {
  if (!text.includes("{{")) return text;
  return text.replace(NAMED_VALUE, (all, name: string) => it.env.namedValue(name) ?? all);
}

function numberLiteral(e: Literal, it: Interpreter): Num {
  const text = (e.value ?? "").replace(/_/g, "");
  const t = e.numberType ?? "int";
  if (t === "decimal") {
    const d = decParse(text);
    if (!d) throw it.notEmulated(`decimal literal ${e.raw}`, e);
    return new Num("decimal", d);
  }
  if (t === "double" || t === "float") {
    const x = Number(text);
    if (Number.isNaN(x)) throw it.notEmulated(`number literal ${e.raw}`, e);
    return new Num(t, t === "float" ? Math.fround(x) : x);
  }
  let big: bigint;
  try {
    big = BigInt(/^0[bB]/.test(text) ? `0b${text.slice(2)}` : text);
  } catch {
    throw it.notEmulated(`number literal ${e.raw}`, e);
  }
  return integral(integerLiteralType(big, t), big);
}

/** The first of the suffix's candidate types that holds the value (C# §6.4.5.3). */
function integerLiteralType(v: bigint, suffix: NumericType): NumericType {
  const candidates: [NumericType, bigint][] =
    suffix === "uint"
      ? [
          ["uint", UINT_MAX],
          ["ulong", ULONG_MAX],
        ]
      : suffix === "long"
        ? [
            ["long", LONG_MAX],
            ["ulong", ULONG_MAX],
          ]
        : suffix === "ulong"
          ? [["ulong", ULONG_MAX]]
          : [
              ["int", INT_MAX],
              ["uint", UINT_MAX],
              ["long", LONG_MAX],
              ["ulong", ULONG_MAX],
            ];
  for (const [t, max] of candidates) if (v <= max) return t;
  return "ulong";
}
