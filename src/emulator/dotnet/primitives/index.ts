// The primitive .NET types: object, string, char, bool, the numeric types, Nullable<T>, Type, Enum and the enums
// their members take; Math, Convert, BitConverter.

import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineArray } from "./array.js";
import { defineBooleanAndChar } from "./boolean-char.js";
import { defineConvert } from "./convert.js";
import { defineEnum, PRIMITIVE_ENUMS } from "./enums.js";
import { defineMath } from "./math.js";
import { defineNullableTypeEnum } from "./nullable-type-enum.js";
import { defineNumbers } from "./numbers.js";
import { defineObject } from "./object.js";
import { defineString } from "./string.js";

export function definePrimitives(registry: RuntimeRegistry): void {
  defineObject(registry);
  defineString(registry);
  defineBooleanAndChar(registry);
  defineNumbers(registry);
  defineNullableTypeEnum(registry);
  defineArray(registry);
  defineMath(registry);
  defineConvert(registry);
  for (const e of PRIMITIVE_ENUMS) defineEnum(registry, e);
}
