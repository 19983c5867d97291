// Whether every path through a list of statements ends the pipeline (return-response, mock-response), seen through
// choose/when/otherwise. Works on the original elements and on composed ones alike (both have a name and element
// children).
//
// [U] runtime reference §5.3: the docs say only that return-response (and mock-response) "cancel pipeline
// execution"; apimkit takes it, like the emulator's default, as skipping the rest of inbound, the backend and
// outbound. on-error may still run (an error before the end), so it is never called unreachable.

/** The shape both ElementNode and EffectiveElement have. */
interface StatementLike {
  type: string;
  name?: string;
  children?: readonly StatementLike[];
}

const ENDING: ReadonlySet<string> = new Set(["return-response", "mock-response"]);

/** True when every path through `statements` (in order) reaches a return-response or mock-response. */
export function alwaysEnds(statements: readonly StatementLike[]): boolean {
  for (const st of statements) {
    if (st.type === "element" && statementEnds(st)) return true;
  }
  return false;
}

function statementEnds(st: StatementLike): boolean {
  if (st.name !== undefined && ENDING.has(st.name)) return true;
  if (st.name !== "choose") return false;
  // A choose ends only when it has an <otherwise> and every branch ends: without one, no branch may be taken.
  let otherwise = false;
  let branches = 0;
  for (const b of st.children ?? []) {
    if (b.type !== "element") continue;
    if (b.name === "otherwise") otherwise = true;
    else if (b.name !== "when") continue;
    branches++;
    if (!alwaysEnds(b.children ?? [])) return false;
  }
  return otherwise && branches > 0;
}
