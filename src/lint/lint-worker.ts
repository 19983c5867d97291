// A lint worker thread: lints the batches of files the main thread sends (see parallel.ts).
import { parentPort, workerData } from "node:worker_threads";
import { CompositionRun } from "./composition.js";
import { importPlugin } from "./config/plugins.js";
import { ConfigResolver } from "./config/resolver.js";
import { lintOneFile, withPluginRules } from "./lint-files.js";
import type { FromWorker, ToWorker, WorkerSettings } from "./parallel.js";
import { knownRuleMeta } from "./presets.js";

const settings = workerData as WorkerSettings;
const port = parentPort!;
const send = (msg: FromWorker) => port.postMessage(msg);

try {
  // The main thread resolved and checked the plugins; a worker imports the same files.
  const plugins = await Promise.all((settings.plugins ?? []).map((file) => importPlugin(file)));
  const resolver = new ConfigResolver({
    configFile: settings.configFile,
    cliRules: settings.cliRules,
    cliNamedValues: settings.namedValues,
    knownRules: knownRuleMeta(),
    plugins,
  });
  const options = withPluginRules(settings, plugins);
  // The worker's share of the run: one composition for the worker's life (parents parsed once per thread), with the
  // main thread's explicit parents so every thread knows the same children of a parent.
  const composition = settings.compose === false ? undefined : new CompositionRun({ parents: settings.parents });
  port.on("message", (msg: ToWorker) => {
    if ("stop" in msg) {
      port.close();
      return;
    }
    try {
      send({
        results: msg.files.map(([i, file]) => [i, lintOneFile(file, resolver.resolve(file), options, composition)]),
      });
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
