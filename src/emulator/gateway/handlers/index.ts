// The policy handlers by element name. Each area's module exports its handlers; other areas (security, cache,
// rate limits) add theirs here with one import and one call line.

import { forwardRequest, rewriteUri, setBackendService } from "./backend.js";
import { setMethod, setStatus, setVariable } from "./basics.js";
import { setBody } from "./body.js";
import { choose, includeFragment, limitConcurrency, retry, wait } from "./flow.js";
import type { Handler } from "./handler.js";
import { setHeader, setQueryParameter } from "./headers.js";
import { emitMetric, logToEventhub, trace } from "./logging.js";
import { mockResponse, returnResponse } from "./respond.js";
import { defineSecurityHandlers } from "./security.js";
import { sendOneWayRequest, sendRequest } from "./send.js";
import { findAndReplace, jsonToXml, xmlToJson } from "./transform.js";

export type { Handler, HandlerTable, Run, SectionName, StatementSource } from "./handler.js";

/** The flow and transform handlers of the gateway runtime. */
export function defineCoreHandlers(table: Map<string, Handler>): void {
  const entries: Array<[string, Handler]> = [
    ["set-header", setHeader],
    ["set-query-parameter", setQueryParameter],
    ["set-variable", setVariable],
    ["set-body", setBody],
    ["set-status", setStatus],
    ["set-method", setMethod],
    ["rewrite-uri", rewriteUri],
    ["set-backend-service", setBackendService],
    ["forward-request", forwardRequest],
    ["send-request", sendRequest],
    ["send-one-way-request", sendOneWayRequest],
    ["return-response", returnResponse],
    ["mock-response", mockResponse],
    ["choose", choose],
    ["retry", retry],
    ["wait", wait],
    ["include-fragment", includeFragment],
    ["limit-concurrency", limitConcurrency],
    ["trace", trace],
    ["log-to-eventhub", logToEventhub],
    ["emit-metric", emitMetric],
    ["find-and-replace", findAndReplace],
    ["json-to-xml", jsonToXml],
    ["xml-to-json", xmlToJson],
  ];
  for (const [name, h] of entries) {
    if (table.has(name)) throw new Error(`policy handler ${name} defined twice`);
    table.set(name, h);
  }
}

/** Every handler. */
export function standardHandlers(): Map<string, Handler> {
  const table = new Map<string, Handler>();
  defineCoreHandlers(table);
  defineSecurityHandlers(table);
  return table;
}
