// How a policy stops the normal flow: a gateway error (goes to on-error, fills LastError) or the end of the
// pipeline (return-response, mock-response). NotEmulated and NetException come from src/emulator/errors.ts.
import type { Headers } from "../../api.js";

/** The response an error leaves in context.Response (what the client gets unless on-error changes it). */
export interface ErrorResponse {
  status: number;
  reason?: string;
  headers?: Headers;
  body?: string;
}

/** A gateway error of a policy or a built-in step: LastError.Source, Reason and Message (runtime reference §5.2). */
export class PolicyError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly response?: ErrorResponse,
    /** LastError.Source when not the failing policy's element name (a built-in step). */
    readonly source?: string,
  ) {
    super(message);
    this.name = "PolicyError";
  }
}

/** return-response / mock-response: the rest of the pipeline is skipped (runtime reference §5.3). */
export class PipelineEnd extends Error {
  readonly by: string;
  constructor(by: string) {
    // Control flow, never shown: no stack is captured (a stack costs more than the rest of a return-response).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`pipeline ended by ${by}`);
    Error.stackTraceLimit = limit;
    this.by = by;
    this.name = "PipelineEnd";
  }
}

/** The test's setup is wrong (a fragment or named value it did not give, a bad override): the run stops. */
export class EmulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmulationError";
  }
}
