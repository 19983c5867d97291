// A lint worker thread: lints the batches of files the main thread sends (see parallel.ts).
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "./config/resolver.js";
import { lintOneFile } from "./lint-files.js";
import type { FromWorker, ToWorker, WorkerSettings } from "./parallel.js";
import { knownRuleMeta } from "./presets.js";

const settings = workerData as WorkerSettings;
const port = parentPort!;
const send = (msg: FromWorker) => port.postMessage(msg);

try {
  const resolver = new ConfigResolver({
    configFile: settings.configFile,
    cliRules: settings.cliRules,
    cliNamedValues: settings.namedValues,
    knownRules: knownRuleMeta(),
  });
  port.on("message", (msg: ToWorker) => {
    if ("stop" in msg) {
      port.close();
      return;
    }
    try {
      send({ results: msg.files.map(([i, file]) => [i, lintOneFile(file, resolver.resolve(file), settings)]) });
    } catch (err) {
      const e = err as Error;
      send({ error: { name: e.name, message: e.message, stack: e.stack } });
    }
  });
  send({ ready: true });
} catch (err) {
  const e = err as Error;
  send({ error: { name: e.name, message: e.message, stack: e.stack } });
}
