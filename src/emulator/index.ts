// The emulator's library API: `import { emulate } from "apimkit"` (issue 13).
export type * from "./api.js";
export { NetException, NotEmulated } from "./errors.js";
export { emulate, freshState } from "./gateway/emulate.js";
export { EmulationError } from "./gateway/pipeline/signals.js";
