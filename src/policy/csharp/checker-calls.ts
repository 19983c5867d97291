// Overload resolution for the checker: map the arguments of a call to each candidate's parameters, infer the
// generic method's type arguments (from the receiver of an extension method, the arguments, and the bodies of
// lambdas), keep the applicable candidates and pick the best one, approximately as C# does (§12.6.4). When two
// equally good candidates disagree on the result, the result is unknown: the checker never guesses.
import type { Argument, DeclarationExpression, Lambda } from "./ast.js";
import { convertsImplicitly, isExact } from "./checker-conversions.js";
import type { MemberInfo, ParameterInfo, TypeModel } from "./types/lookup.js";
import { BoundedMap } from "./types/lookup.js";
import {
  hasTypeParameter,
  K,
  type NamedType,
  nullableUnderlying,
  sameType,
  substitute,
  type TypeRef,
} from "./types/type-ref.js";

/** A method, constructor or indexer that a call could mean. */
export interface Candidate {
  readonly member: MemberInfo;
  /** The substitution of the type the member was found on (`List<string>`: T=string). */
  readonly typeSubst: ReadonlyMap<string, TypeRef>;
  /** 0 for the receiver's own members, more for inherited ones. */
  readonly depth: number;
  /** 0: a member of the type; 1: an extension method (tried only when no member applies). */
  readonly tier: number;
  /** For an extension method: the receiver, bound to the `this` parameter. */
  readonly receiver: TypeRef | undefined;
}

/** An argument as evaluated before resolution (lambdas and `out var` are resolved with the candidate). */
export interface CallArgument {
  readonly arg: Argument;
  /** The argument's type; undefined when unknown (and always for a lambda or a declaration). */
  readonly type: TypeRef | undefined;
  readonly lambda: Lambda | undefined;
  readonly declaration: DeclarationExpression | undefined;
  /** A literal of type int (converts to any numeric type). */
  readonly intLiteral: boolean;
}

export interface Resolution {
  /** The chosen candidate, undefined when none applies or two disagree. */
  readonly chosen: Candidate | undefined;
  /** The type of the call: the chosen member's type with every type parameter bound, else undefined. */
  readonly type: TypeRef | undefined;
  /** Per argument, the parameter type it was passed as (for `out var` and lambdas), when known. */
  readonly parameterTypes: readonly (TypeRef | undefined)[];
}

/** The checker as overload resolution sees it (an object, not a closure made per call). */
export interface LambdaChecker {
  /** Type-checks a lambda's body with the given parameter types (once), returning the body's type. */
  lambdaType(lambda: Lambda, parameterTypes: readonly (TypeRef | undefined)[]): TypeRef | undefined;
}

interface Attempt {
  readonly candidate: Candidate;
  readonly params: readonly ParameterInfo[];
  /** Parameter index of each argument. */
  readonly map: readonly number[];
  expanded: boolean;
  readonly bindings: Map<string, TypeRef>;
  readonly typeParameters: ReadonlySet<string>;
  /** Some argument's type was unknown: an unbound type parameter is then not a failure. */
  uncertain: boolean;
  score: number;
  applicable: boolean;
}

/**
 * The candidates of one kind of call (a receiver type and a name), with the resolutions already made for them. The
 * checker keeps these on the type model, so the same call in another expression or document is resolved once: a
 * resolution depends only on the candidates and on what `callKey` records of the arguments.
 */
export class CandidateSet {
  readonly resolutions = new BoundedMap<CallKey, Resolution>(256);
  constructor(readonly candidates: readonly Candidate[]) {}
}

export const NO_CANDIDATES = new CandidateSet([]);

const NOTHING_RESOLVED: Resolution = { chosen: undefined, type: undefined, parameterTypes: [] };

/** resolveCall, answered from the set's resolutions when it has seen the same arguments (calls without lambdas). */
export function resolveCandidates(
  model: TypeModel,
  set: CandidateSet,
  args: readonly CallArgument[],
  explicitTypeArgs: readonly (TypeRef | undefined)[] | undefined,
  checkLambda: LambdaChecker,
): Resolution {
  // A lambda's body is checked while resolving (its types depend on the overload): never from the memo.
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.lambda) return resolveCall(model, set.candidates, args, explicitTypeArgs, checkLambda);
  }
  if (set.candidates.length === 0) return NOTHING_RESOLVED;
  const key = callKey(model, args, explicitTypeArgs);
  let r = set.resolutions.get(key);
  if (r === undefined) {
    r = resolveCall(model, set.candidates, args, explicitTypeArgs, checkLambda);
    set.resolutions.set(key, r);
  }
  return r;
}

/** A number for the common calls (see callKey), a string for the others. */
type CallKey = number | string;

/** 2^24: an argument's code must stay below it to fit a numeric call key. */
const CODE_LIMIT = 16_777_216;

/**
 * Everything resolveCall reads of the arguments of a call without lambdas. Most calls have at most two plain
 * arguments (no name, modifier or declaration) and no explicit type arguments: their key is a number, which
 * builds no string and hashes fast. The arity takes the low 2 bits, then 24 bits per argument's code.
 */
function callKey(
  model: TypeModel,
  args: readonly CallArgument[],
  explicitTypeArgs: readonly (TypeRef | undefined)[] | undefined,
): CallKey {
  if (explicitTypeArgs !== undefined || args.length > 2) return callKeyText(model, args, explicitTypeArgs);
  let key = args.length;
  let scale = 4;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.arg.name !== undefined || a.arg.modifier !== undefined || a.declaration) {
      return callKeyText(model, args, explicitTypeArgs);
    }
    const code = argumentCode(model, a);
    if (code >= CODE_LIMIT) return callKeyText(model, args, explicitTypeArgs);
    key += code * scale;
    scale *= CODE_LIMIT;
  }
  return key;
}

/** A plain argument as a number: its type's number and whether it is an int literal (0/1: the type is unknown). */
function argumentCode(model: TypeModel, a: CallArgument): number {
  const literal = a.intLiteral ? 1 : 0;
  return a.type === undefined ? literal : model.typeNumber(a.type) * 2 + 2 + literal;
}

/**
 * callKey of any call: per argument its name, modifier, whether it declares a variable (`out var x`), its type and
 * whether it is an int literal; the explicit type arguments.
 */
function callKeyText(
  model: TypeModel,
  args: readonly CallArgument[],
  explicitTypeArgs: readonly (TypeRef | undefined)[] | undefined,
): string {
  let key = "";
  for (const a of args) {
    if (a.arg.name !== undefined) key += `${a.arg.name}:`;
    if (a.arg.modifier !== undefined) key += `${a.arg.modifier} `;
    if (a.declaration) key += "decl ";
    if (a.type === undefined) key += a.intLiteral ? "?i;" : "?;";
    else key += `${model.typeNumber(a.type)}${a.intLiteral ? "i;" : ";"}`;
  }
  if (explicitTypeArgs) {
    key += "<";
    for (const t of explicitTypeArgs) key += t ? `${model.typeNumber(t)},` : "?,";
  }
  return key;
}

export function resolveCall(
  model: TypeModel,
  candidates: readonly Candidate[],
  args: readonly CallArgument[],
  explicitTypeArgs: readonly (TypeRef | undefined)[] | undefined,
  checkLambda: LambdaChecker,
): Resolution {
  const attempts: Attempt[] = [];
  for (const c of candidates) {
    const a = attempt(model, c, args, explicitTypeArgs);
    if (a) attempts.push(a);
  }
  // Lambdas: parameter types from the candidates still in the running (the best tier only), body checked once.
  const lambdaTypes: (TypeRef | undefined)[] = args.map(() => undefined);
  args.forEach((arg, i) => {
    if (!arg.lambda) return;
    const live = bestTier(attempts.filter((a) => a.applicable));
    const shapes = live
      .map((a) => ({ a, shape: delegateShape(model, a, i, arg.lambda!.parameters.length) }))
      .filter((x) => {
        if (!x.shape) x.a.applicable = false;
        return x.shape !== undefined;
      });
    const paramTypes = agree(shapes.map((x) => x.shape!.parameters));
    const body = checkLambda.lambdaType(arg.lambda, paramTypes);
    lambdaTypes[i] = body;
    for (const { a, shape } of shapes) {
      const ret = substitute(shape!.returns, a.bindings);
      if (body === undefined) {
        if (hasTypeParameter(ret)) a.uncertain = true;
        continue;
      }
      if (hasTypeParameter(ret)) unify(model, ret, body, a.bindings, a.typeParameters);
      const bound = substitute(ret, a.bindings);
      if (isNamedKey(bound, K.void)) continue;
      if (!hasTypeParameter(bound) && !convertsImplicitly(model, body, bound)) a.applicable = false;
      else if (isExact(body, bound)) a.score++;
    }
  });
  for (const a of attempts) {
    if (!a.applicable || a.uncertain) continue;
    for (const p of a.typeParameters) if (!a.bindings.has(p)) a.applicable = false;
  }
  const live = bestTier(attempts.filter((a) => a.applicable));
  live.sort(
    (x, y) =>
      y.score - x.score ||
      x.candidate.depth - y.candidate.depth ||
      x.typeParameters.size - y.typeParameters.size ||
      Number(x.expanded) - Number(y.expanded),
  );
  const best = live[0];
  if (!best) return { chosen: undefined, type: undefined, parameterTypes: args.map(() => undefined) };
  const resultOf = (a: Attempt): TypeRef | undefined => {
    const t = a.candidate.member.type;
    if (!t) return undefined;
    const bound = substitute(substitute(t, a.candidate.typeSubst), a.bindings);
    return hasTypeParameter(bound) ? undefined : bound;
  };
  const type = resultOf(best);
  for (const other of live.slice(1)) {
    const tie =
      other.score === best.score &&
      other.candidate.depth === best.candidate.depth &&
      other.typeParameters.size === best.typeParameters.size &&
      other.expanded === best.expanded;
    if (!tie) break;
    const t = resultOf(other);
    if (!t || !type || !sameType(t, type))
      return { chosen: undefined, type: undefined, parameterTypes: parameterTypesOf(best, args, lambdaTypes) };
  }
  return { chosen: best.candidate, type, parameterTypes: parameterTypesOf(best, args, lambdaTypes) };
}

function parameterTypesOf(
  a: Attempt,
  args: readonly CallArgument[],
  lambdaTypes: readonly (TypeRef | undefined)[],
): (TypeRef | undefined)[] {
  return args.map((_, i) => {
    if (lambdaTypes[i] !== undefined && args[i]!.lambda) return undefined;
    const t = argumentParameterType(a, i);
    if (!t) return undefined;
    const bound = substitute(t, a.bindings);
    return hasTypeParameter(bound) ? undefined : bound;
  });
}

function bestTier(attempts: Attempt[]): Attempt[] {
  if (attempts.length === 0) return attempts;
  const tier = Math.min(...attempts.map((a) => a.candidate.tier));
  return attempts.filter((a) => a.candidate.tier === tier);
}

/** The type each argument is passed as, before the method's type parameters are bound. */
function argumentParameterType(a: Attempt, i: number): TypeRef | undefined {
  const p = a.params[a.map[i]!];
  if (!p) return undefined;
  const t = substitute(p.type, a.candidate.typeSubst);
  if (p.modifier === "params" && a.expanded && t.kind === "array") return t.element;
  return t;
}

function attempt(
  model: TypeModel,
  c: Candidate,
  args: readonly CallArgument[],
  explicitTypeArgs: readonly (TypeRef | undefined)[] | undefined,
): Attempt | undefined {
  const all = c.member.parameters;
  const params = c.member.extension ? all.slice(1) : all;
  const mapped = mapArguments(params, args);
  if (!mapped) return undefined;
  const typeParameters = new Set(c.member.typeParameters);
  const bindings = new Map<string, TypeRef>();
  const a: Attempt = {
    candidate: c,
    params,
    map: mapped.map,
    expanded: false,
    bindings,
    typeParameters,
    uncertain: false,
    score: 0,
    applicable: true,
  };
  if (explicitTypeArgs && explicitTypeArgs.length > 0) {
    if (explicitTypeArgs.length !== c.member.typeParameters.length) return undefined;
    c.member.typeParameters.forEach((p, i) => {
      const t = explicitTypeArgs[i];
      if (t) bindings.set(p, t);
      else a.uncertain = true;
    });
  }
  if (c.member.extension && c.receiver) {
    const thisType = substitute(all[0]!.type, c.typeSubst);
    if (!unifyReceiver(model, thisType, c.receiver, bindings, typeParameters)) return undefined;
    const bound = substitute(thisType, bindings);
    if (!hasTypeParameter(bound) && !convertsImplicitly(model, c.receiver, bound, false)) return undefined;
  }
  // A params parameter with one argument: the normal form when the argument is (or may be) the array itself.
  const paramsIndex = params.findIndex((p) => p.modifier === "params");
  if (paramsIndex >= 0) {
    const onParams = mapped.map.filter((m) => m === paramsIndex).length;
    if (onParams !== 1) a.expanded = true;
    else {
      const t = args[mapped.map.indexOf(paramsIndex)]!.type;
      const arrayType = substitute(params[paramsIndex]!.type, c.typeSubst);
      a.expanded = !(t === undefined || t.kind === "null" || convertsImplicitly(model, t, arrayType));
    }
  }
  // Infer from the arguments, then check that each converts to its parameter.
  args.forEach((arg, i) => {
    const p = params[mapped.map[i]!]!;
    const pt = argumentParameterType(a, i)!;
    if ((p.modifier === "out" || p.modifier === "ref") !== (arg.arg.modifier === "out" || arg.arg.modifier === "ref"))
      a.applicable = false;
    if (arg.lambda) return;
    const at = arg.declaration ? undefined : arg.type;
    if (at === undefined) {
      if (hasTypeParameter(pt)) a.uncertain = true;
      return;
    }
    if (hasTypeParameter(pt) && !unify(model, pt, at, bindings, typeParameters)) a.uncertain = true;
  });
  args.forEach((arg, i) => {
    if (arg.lambda || arg.declaration) return;
    const at = arg.type;
    if (at === undefined) return;
    const pt = substitute(argumentParameterType(a, i)!, bindings);
    if (hasTypeParameter(pt)) return;
    if (arg.arg.modifier === "out" || arg.arg.modifier === "ref") {
      if (!sameType(at, pt) && at.kind !== "null") a.applicable = false;
    } else if (!convertsImplicitly(model, at, pt, true, arg.intLiteral)) a.applicable = false;
    if (isExact(at, pt)) a.score++;
  });
  return a;
}

/** Parameter index per argument (positional, then named), or undefined when the call cannot fit. */
export function mapArguments(
  params: readonly ParameterInfo[],
  args: readonly CallArgument[],
): { map: number[] } | undefined {
  const map: number[] = [];
  const used = new Set<number>();
  const paramsIndex = params.findIndex((p) => p.modifier === "params");
  let positional = true;
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.arg.name;
    if (name !== undefined) {
      positional = false;
      const at = params.findIndex((p) => p.name === name);
      if (at < 0 || used.has(at)) return undefined;
      map.push(at);
      used.add(at);
      continue;
    }
    if (!positional) return undefined;
    if (paramsIndex >= 0 && i >= paramsIndex) {
      map.push(paramsIndex);
      used.add(paramsIndex);
    } else if (i < params.length) {
      map.push(i);
      used.add(i);
    } else return undefined;
  }
  for (let p = 0; p < params.length; p++) {
    if (used.has(p)) continue;
    if (!params[p]!.optional && params[p]!.modifier !== "params") return undefined;
  }
  return { map };
}

/** The parameter types and result of the delegate a lambda argument is passed as, when it takes `arity` parameters. */
function delegateShape(
  model: TypeModel,
  a: Attempt,
  i: number,
  arity: number,
): { parameters: (TypeRef | undefined)[]; returns: TypeRef } | undefined {
  const pt = argumentParameterType(a, i);
  if (pt?.kind !== "named") return undefined;
  const info = model.type(pt.key);
  if (info?.kind !== "delegate") return undefined;
  const invoke = info.members.get("Invoke")?.[0];
  if (!invoke?.type || invoke.parameters.length !== arity) return undefined;
  const map = model.substitution(info, pt);
  const parameters = invoke.parameters.map((p) => {
    const t = substitute(substitute(p.type, map), a.bindings);
    return hasTypeParameter(t) ? undefined : t;
  });
  return { parameters, returns: substitute(invoke.type, map) };
}

/** Per position, the type every candidate agrees on, else undefined. */
function agree(lists: (TypeRef | undefined)[][]): (TypeRef | undefined)[] {
  if (lists.length === 0) return [];
  return lists[0]!.map((t, i) => (t && lists.every((l) => l[i] && sameType(l[i]!, t)) ? t : undefined));
}

function isNamedKey(t: TypeRef, key: string): boolean {
  return t.kind === "named" && t.key === key;
}

/** The receiver of an extension method against its `this` parameter (any of the receiver's supertypes). */
function unifyReceiver(
  model: TypeModel,
  pattern: TypeRef,
  receiver: TypeRef,
  bindings: Map<string, TypeRef>,
  params: ReadonlySet<string>,
): boolean {
  if (!hasTypeParameter(pattern)) return true;
  return unify(model, pattern, receiver, bindings, params);
}

/**
 * Binds the type parameters of `pattern` so that `actual` matches it, looking through `actual`'s supertypes
 * (List<string> against IEnumerable<TSource>). Fails when no supertype matches, or when two match differently
 * (JObject is both IEnumerable<JToken> and IEnumerable<KeyValuePair<string, JToken>>: C# cannot infer either).
 */
export function unify(
  model: TypeModel,
  pattern: TypeRef,
  actual: TypeRef,
  bindings: Map<string, TypeRef>,
  params: ReadonlySet<string>,
): boolean {
  if (actual.kind === "dynamic" || actual.kind === "null") return true;
  switch (pattern.kind) {
    case "typeParameter": {
      if (!params.has(pattern.name)) return true;
      const bound = bindings.get(pattern.name);
      if (!bound) {
        bindings.set(pattern.name, actual);
        return true;
      }
      // A second, different bound: keep the first when the new one converts to it (C# picks a common type).
      if (sameType(bound, actual) || convertsImplicitly(model, actual, bound)) return true;
      if (convertsImplicitly(model, bound, actual)) {
        bindings.set(pattern.name, actual);
        return true;
      }
      return false;
    }
    case "array": {
      if (actual.kind === "array" && actual.rank === pattern.rank) {
        return unify(model, pattern.element, actual.element, bindings, params);
      }
      return false;
    }
    case "named": {
      if (!hasTypeParameter(pattern)) return true;
      // `T?` against a non-nullable value: T is the value's type.
      const under = nullableUnderlying(pattern);
      if (under && !nullableUnderlying(actual)) return unify(model, under, actual, bindings, params);
      const m = onlySupertype(model, actual, pattern.key);
      if (m === undefined) return false;
      for (let i = 0; i < pattern.args.length; i++) {
        if (!unify(model, pattern.args[i]!, m.args[i]!, bindings, params)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/** The one supertype of `actual` with `key` (its copies the same type), else undefined: none, or two that differ. */
function onlySupertype(model: TypeModel, actual: TypeRef, key: string): NamedType | undefined {
  const supers = model.supertypes(actual);
  let found: NamedType | undefined;
  for (let i = 0; i < supers.length; i++) {
    const s = supers[i]!;
    if (s.kind !== "named" || s.key !== key) continue;
    if (found === undefined) found = s;
    else if (!sameType(found, s)) return undefined;
  }
  return found;
}

/**
 * When no candidate applies: the first argument that no candidate of a fitting arity could take, because its type
 * certainly does not convert to the parameter's (decided by `mismatch`). Generic candidates and `params`
 * parameters make it uncertain (undefined).
 */
export function certainArgumentMismatch(
  candidates: readonly Candidate[],
  args: readonly CallArgument[],
  mismatch: (arg: CallArgument, parameter: TypeRef) => boolean,
): { index: number; parameter: TypeRef } | undefined {
  const fitting: (TypeRef | undefined)[][] = [];
  for (const c of candidates) {
    const params = c.member.extension ? c.member.parameters.slice(1) : c.member.parameters;
    const mapped = mapArguments(params, args);
    if (!mapped) continue;
    if (c.member.typeParameters.length > 0) return undefined;
    fitting.push(
      args.map((_, i) => {
        const p = params[mapped.map[i]!]!;
        if (p.modifier === "params") return undefined;
        const t = substitute(p.type, c.typeSubst);
        return hasTypeParameter(t) ? undefined : t;
      }),
    );
  }
  if (fitting.length === 0) return undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.lambda || arg.declaration || !arg.type || arg.arg.modifier) continue;
    if (fitting.every((types) => types[i] !== undefined && mismatch(arg, types[i]!))) {
      return { index: i, parameter: fitting[0]![i]! };
    }
  }
  return undefined;
}
