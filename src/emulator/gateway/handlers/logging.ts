// trace, log-to-eventhub and emit-metric: captured for assertions (runtime reference §5.11).
import { attr, childElements } from "../../../policy/query.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler } from "./handler.js";

const SEVERITIES = new Set(["verbose", "information", "error"]);

export const trace: Handler = (el, run) => {
  const source = run.string(el, "source");
  if (source === undefined) throw new EmulationError("trace needs a source");
  const severity = (run.string(el, "severity") ?? "verbose").trim();
  if (!SEVERITIES.has(severity))
    throw new EmulationError(`trace severity="${severity}": expected verbose, information or error`);
  const messageEl = childElements(el, "message")[0];
  const message = messageEl ? (run.textString(messageEl) ?? "") : (run.textString(el) ?? "");
  const metadata: Record<string, string> = {};
  for (const m of childElements(el, "metadata")) metadata[run.string(m, "name") ?? ""] = run.string(m, "value") ?? "";
  run.captured.trace.push({ source, severity, message, metadata });
  run.trace(el, `${severity} ${source}: ${message}`);
};

/** Messages over 200 KB are truncated [doc]; the toolkit cuts at 204,000 bytes, we cut at 200 * 1024 characters. */
const EVENTHUB_LIMIT = 200 * 1024;

export const logToEventhub: Handler = (el, run) => {
  const loggerId = attr(el, "logger-id")?.value.text.trim();
  if (!loggerId) throw new EmulationError("log-to-eventhub needs a logger-id");
  const partitionId = attr(el, "partition-id")?.value.text;
  const partitionKey = run.string(el, "partition-key");
  if (partitionId !== undefined && partitionKey !== undefined)
    throw new EmulationError("log-to-eventhub: partition-id and partition-key cannot both be given");
  const full = run.textString(el) ?? "";
  const message = full.length > EVENTHUB_LIMIT ? full.slice(0, EVENTHUB_LIMIT) : full;
  run.captured.eventhub.push({
    loggerId,
    ...(partitionId !== undefined ? { partitionId } : {}),
    ...(partitionKey !== undefined ? { partitionKey } : {}),
    message,
  });
  run.trace(el, `${loggerId}: ${message.length} characters`);
};

export const emitMetric: Handler = (el, run) => {
  const name = attr(el, "name")?.value.text;
  if (!name) throw new EmulationError("emit-metric needs a name");
  const namespace = attr(el, "namespace")?.value.text ?? "API Management";
  const value = run.number(el, "value") ?? 1;
  const dimensions: Record<string, string | null> = {};
  const dims = childElements(el, "dimension");
  if (dims.length > 10) throw new EmulationError("emit-metric: at most 10 dimensions");
  // A dimension without a value takes a default (API ID, Operation ID, ...); kept as null: which one is meant
  // depends on its name, recorded as given.
  for (const d of dims) dimensions[run.string(d, "name") ?? ""] = run.string(d, "value") ?? null;
  run.captured.metrics.push({ name, namespace, value, dimensions });
  run.trace(el, `${namespace}/${name} = ${value}`);
};
