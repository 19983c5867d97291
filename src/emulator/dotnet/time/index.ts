// System.DateTime, TimeSpan, DateTimeOffset and Guid; the enums of this engineer's areas and CultureInfo.
import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineDateTime } from "./date-time.js";
import { defineDateTimeOffset } from "./date-time-offset.js";
import { defineAreaEnums } from "./enums.js";
import { defineGuid } from "./guid.js";
import { defineTimeSpan } from "./time-span.js";

export function defineTime(registry: RuntimeRegistry): void {
  defineAreaEnums(registry);
  defineTimeSpan(registry);
  defineDateTime(registry);
  defineDateTimeOffset(registry);
  defineGuid(registry);
}
