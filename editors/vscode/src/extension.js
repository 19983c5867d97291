// The VS Code client of `apimkit lsp --stdio`: starts the server for APIM policy files and stops it on deactivate.
// Plain CommonJS, no build step: VS Code loads it as it is (see the README for installing from this folder).
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

const POLICY_FILES = ["**/policy.xml", "**/*.policy.xml", "**/policy fragments/**/*.xml", "**/policies/**/*.xml"];

/** apimkit.path, else the workspace's own node_modules/.bin/apimkit, else apimkit on the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration("apimkit").get("path");
  if (configured) return configured;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(
      folder.uri.fsPath,
      "node_modules",
      ".bin",
      process.platform === "win32" ? "apimkit.cmd" : "apimkit",
    );
    if (existsSync(local)) return local;
  }
  return "apimkit";
}

async function activate(context) {
  const command = serverCommand();
  const debounceMs = vscode.workspace.getConfiguration("apimkit").get("debounceMs");
  const server = {
    command,
    args: ["lsp", "--stdio"],
    transport: TransportKind.stdio,
    options: { shell: process.platform === "win32" },
  };
  client = new LanguageClient(
    "apimkit",
    "apimkit",
    { run: server, debug: server },
    {
      // The file associations: policy files stay XML for highlighting; these patterns hand them to apimkit.
      // APIOps trees name every policy policy.xml (apis/<api>/, operations/<op>/, products/<p>/, policy fragments/<id>/).
      documentSelector: POLICY_FILES.map((pattern) => ({ scheme: "file", language: "xml", pattern })),
      initializationOptions: typeof debounceMs === "number" ? { debounceMs } : {},
      synchronize: {
        // The server also registers these itself; listing them keeps older VS Code versions informed.
        fileEvents: vscode.workspace.createFileSystemWatcher(
          "**/{.apimkitrc.json,named-values.json,namedValueInformation.json}",
        ),
      },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
