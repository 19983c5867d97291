// ip-filter (runtime reference §5.9, §5.2): allow or forbid the caller's IP by addresses and ranges, IPv4 and IPv6.
import { isIP } from "node:net";
import type { ElementNode } from "../../../policy/model.js";
import { attr, childElements } from "../../../policy/query.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";
import { jsonRefusal, onlyIn, where } from "./refusal.js";

/** An address as a number with its family; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 address. */
export function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
  const t = text.trim().replace(/^\[|\]$/g, "");
  const kind = isIP(t);
  if (kind === 4) return { family: 4, value: t.split(".").reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n) };
  if (kind !== 6) return undefined;
  let s = t.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const tail = parseIp(v4[1] as string)?.value ?? 0n;
    s = `${s.slice(0, -(v4[1] as string).length)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const [head = "", rest] = s.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = rest === undefined || rest === "" ? [] : rest.split(":");
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  const value = groups.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}

function listed(el: ElementNode, run: Run, ip: { family: 4 | 6; value: bigint }): boolean {
  for (const a of childElements(el, "address")) {
    const p = parseIp(run.textString(a) ?? "");
    if (!p) throw new EmulationError(`ip-filter <address> at ${where(run, a)}: not an IP address`);
    if (p.family === ip.family && p.value === ip.value) return true;
  }
  for (const r of childElements(el, "address-range")) {
    const from = parseIp(run.string(r, "from") ?? "");
    const to = parseIp(run.string(r, "to") ?? "");
    if (!from || !to || from.family !== to.family)
      throw new EmulationError(
        `ip-filter <address-range> at ${where(run, r)}: from and to must be IP addresses of one family`,
      );
    if (from.family === ip.family && ip.value >= from.value && ip.value <= to.value) return true;
  }
  return false;
}

/**
 * 403 with the body `{ "statusCode": 403, "message": "Forbidden" }` (the toolkit's; §5.9). LastError: CallerIpNotAllowed
 * with the reference's message; CallerIpBlocked has no documented message: the same text is used [U].
 */
export const ipFilter: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  if (!attr(el, "action")) throw new EmulationError(`ip-filter at ${where(run, el)} needs action`);
  const action = (run.string(el, "action") ?? "").trim().toLowerCase();
  if (action !== "allow" && action !== "forbid")
    throw new EmulationError(`ip-filter action="${action}" at ${where(run, el)}: expected allow or forbid`);
  const caller = run.context.request.ipAddress;
  const denied = jsonRefusal(403, "Forbidden");
  const ip = parseIp(caller);
  if (!ip) return run.fail("FailedToParseCallerIP", `Failed to parse caller IP address ${caller}.`, denied);
  const inList = listed(el, run, ip);
  if (action === "allow" && !inList) {
    run.trace(el, `${caller} not in the allowed list`);
    run.fail("CallerIpNotAllowed", `Caller IP address ${caller} is not allowed. Access denied.`, denied);
  }
  if (action === "forbid" && inList) {
    run.assume("ip-filter CallerIpBlocked uses the CallerIpNotAllowed message (none is documented)");
    run.trace(el, `${caller} is in the forbidden list`);
    run.fail("CallerIpBlocked", `Caller IP address ${caller} is not allowed. Access denied.`, denied);
  }
  run.trace(el, `${caller} ${action === "allow" ? "allowed" : "not forbidden"}`);
};
