// Everything heavy the server does (the lint engine and its rules, the parser, the catalogue, the C# checker and its
// type model), behind one module that server.ts imports once `initialize` has been answered: the editor gets its
// answer after node and the protocol library have loaded, not after the whole linter.
export { codeActions } from "./code-actions.js";
export { complete } from "./completion.js";
export { ConfigCache } from "./config.js";
export { lintDocumentText } from "./diagnostics.js";
export { analyse } from "./document.js";
export { fragmentsFor } from "./fragments.js";
export { hover } from "./hover.js";
export { NamedValueStore } from "./named-values.js";
export { definition, documentSymbols } from "./navigation.js";
export { warmUp } from "./warmup.js";
