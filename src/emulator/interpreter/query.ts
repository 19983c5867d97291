// LINQ query syntax (`from x in xs where ... select ...`), translated to the Enumerable method calls as the C# spec
// does (§12.20.3): from -> (Cast<T>) and SelectMany, let -> Select, where -> Where, orderby -> OrderBy/ThenBy
// (Descending), select -> Select, group -> GroupBy, into -> a continuation. The transparent identifiers of the spec
// are rows of the range variables in scope; the methods are the registry's LINQ extensions, so laziness, ordering
// and exceptions are theirs. `join` is not translated (Enumerable.Join is not in the library).

import type { Query, QueryClause } from "../../policy/csharp/ast.js";
import type { TypeRef } from "../../policy/csharp/types/type-ref.js";
import { NotEmulated } from "../errors.js";
import type { Arg } from "../runtime-types.js";
import { NetDelegate, type NetObject, type NetValue } from "../values.js";
import type { Interpreter } from "./evaluator.js";
import type { Scope } from "./scope.js";

/** One element of the sequence between clauses: the values of the range variables (a transparent identifier). */
class QueryRow implements NetObject {
  readonly $type = "<query row>";
  constructor(readonly vars: ReadonlyMap<string, NetValue>) {}

  with(name: string, value: NetValue): QueryRow {
    const next = new Map(this.vars);
    next.set(name, value);
    return new QueryRow(next);
  }
}

export function queryExpression(it: Interpreter, q: Query, scope: Scope): NetValue {
  const clauses = q.clauses;
  const first = clauses[0];
  if (first?.kind !== "FromClause") throw it.notEmulated("a query that does not start with from", q);
  let seq = rowsOf(it, first, it.expr(first.source, scope));
  for (let i = 1; i < clauses.length; i++) {
    const c = clauses[i]!;
    switch (c.kind) {
      case "FromClause": {
        const inner = c;
        // from x in a from y in b  ->  a.SelectMany(x => b.Select(y => (x, y)))
        seq = call(it, "SelectMany", seq, [
          lambda(it, scope, c, (row, s) => rowsOf(it, inner, it.expr(inner.source, s), row as QueryRow)),
        ]);
        break;
      }
      case "LetClause": {
        const let_ = c;
        seq = call(it, "Select", seq, [
          lambda(it, scope, c, (row, s) => (row as QueryRow).with(let_.name, it.expr(let_.value, s))),
        ]);
        break;
      }
      case "WhereClause": {
        const cond = c.condition;
        seq = call(it, "Where", seq, [lambda(it, scope, c, (_row, s) => it.expr(cond, s))]);
        break;
      }
      case "OrderByClause":
        c.orderings.forEach((o, k) => {
          const name = (k === 0 ? "OrderBy" : "ThenBy") + (o.descending ? "Descending" : "");
          seq = call(it, name, seq, [lambda(it, scope, o.expression, (_row, s) => it.expr(o.expression, s))]);
        });
        break;
      case "SelectClause": {
        const value = c.value;
        seq = call(it, "Select", seq, [lambda(it, scope, c, (_row, s) => it.expr(value, s))]);
        break;
      }
      case "GroupClause": {
        const g = c;
        seq = call(it, "GroupBy", seq, [
          lambda(it, scope, c, (_row, s) => it.expr(g.key, s)),
          lambda(it, scope, c, (_row, s) => it.expr(g.value, s)),
        ]);
        break;
      }
      case "IntoClause": {
        // query continuation: `... into g rest` is `from g in (...) rest`.
        const name = c.name;
        seq = call(it, "Select", seq, [new NetDelegate(1, (args) => new QueryRow(new Map([[name, args[0] ?? null]])))]);
        break;
      }
      case "JoinClause":
        throw it.notEmulated("LINQ query join clause (Enumerable.Join)", c);
    }
  }
  const last = clauses[clauses.length - 1]!;
  if (last.kind !== "SelectClause" && last.kind !== "GroupClause")
    throw it.notEmulated("a query that does not end with select or group", last);
  return seq;
}

/** The rows of a from clause's source, with its explicit element type as Cast<T>(). */
function rowsOf(
  it: Interpreter,
  from: QueryClause & { kind: "FromClause" },
  source: NetValue,
  outer?: QueryRow,
): NetValue {
  let src = source;
  if (from.type) {
    const t: TypeRef = it.typeOfNode(from.type);
    src = call(it, "Cast", src, [], [t], from);
  }
  const base = outer ?? new QueryRow(new Map());
  return call(it, "Select", src, [new NetDelegate(1, (args) => base.with(from.name, args[0] ?? null))], [], from);
}

/** A one-parameter delegate over a row: the body runs in a scope with the row's range variables declared. */
function lambda(
  it: Interpreter,
  scope: Scope,
  node: { start: number },
  body: (row: NetValue, s: Scope) => NetValue,
): NetDelegate {
  return new NetDelegate(1, (args) => {
    const row = args[0] ?? null;
    if (!(row instanceof QueryRow)) throw new NotEmulated("a query clause over a value that is not a row", it.at(node));
    const s = scope.child();
    for (const [k, v] of row.vars) s.declare(k, v, undefined);
    return body(row, s);
  });
}

function call(
  it: Interpreter,
  name: string,
  self: NetValue,
  fns: readonly NetValue[],
  typeArgs: readonly TypeRef[] = [],
  node?: { start: number },
): NetValue {
  const ext = it.env.registry.extensionsNamed(name).find((x) => x.appliesTo(self));
  const at = node ?? { start: 0 };
  if (!ext) throw it.notEmulated(`${name} (query syntax) over this source`, at);
  const args: Arg[] = fns.map((value) => ({ value }));
  return it.guard(() => ext.call(self, args, it.info(at, typeArgs)), at);
}
