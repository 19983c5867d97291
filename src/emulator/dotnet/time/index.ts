// System.DateTime, TimeSpan, DateTimeOffset and Guid.
import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineDateTime } from "./date-time.js";
import { defineDateTimeOffset } from "./date-time-offset.js";
import { defineGuid } from "./guid.js";
import { defineTimeSpan } from "./time-span.js";

export function defineTime(registry: RuntimeRegistry): void {
  defineTimeSpan(registry);
  defineDateTime(registry);
  defineDateTimeOffset(registry);
  defineGuid(registry);
}
