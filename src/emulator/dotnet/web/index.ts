// System.Net.WebUtility, System.Uri and System.Net.IPAddress.
import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineIPAddress } from "./ip-address.js";
import { defineUri } from "./uri.js";
import { defineWebUtility } from "./web-utility.js";

export function defineWeb(registry: RuntimeRegistry): void {
  defineWebUtility(registry);
  defineUri(registry);
  defineIPAddress(registry);
}
