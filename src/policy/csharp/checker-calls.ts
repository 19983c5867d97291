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
  /** Calls with one lambda: the lambda's parameter types, per callKeyText and the lambda's place and arity. */
  readonly lambdaParameters = new BoundedMap<string, readonly (TypeRef | undefined)[]>(256);
  /** ... and their resolutions, per that key and the type of the lambda's body. */
  readonly lambdaResolutions = new BoundedMap<string, Resolution>(256);
  constructor(readonly candidates: readonly Candidate[]) {}
}

export const NO_CANDIDATES = new CandidateSet([]);

const NOTHING_RESOLVED: Resolution = { chosen: undefined, type: undefined, parameterTypes: [] };
const NO_PARAMETER_TYPES: readonly (TypeRef | undefined)[] = [];

/** resolveCall, answered from the set's resolutions when it has seen the same arguments. */
export function resolveCandidates(
  model: TypeModel,
  set: CandidateSet,
  args: readonly CallArgument[],
  explicitTypeArgs: readonly (TypeRef | undefined)[] | undefined,
  checkLambda: LambdaChecker,
): Resolution {
  let lambdaAt = -1;
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.lambda) {
      // Two lambdas: the second one's parameter types depend on the first one's body. Resolved each time.
      if (lambdaAt >= 0) return resolveCall(model, set.candidates, args, explicitTypeArgs, checkLambda);
      lambdaAt = i;
    }
  }
  if (set.candidates.length === 0) {
    // No candidate gives a lambda parameter types: its body is checked with none (as resolveCall does).
    if (lambdaAt >= 0) checkLambda.lambdaType(args[lambdaAt]!.lambda!, NO_PARAMETER_TYPES);
    return NOTHING_RESOLVED;
  }
  if (lambdaAt >= 0) return resolveWithLambda(model, set, args, explicitTypeArgs, checkLambda, lambdaAt);
  const key = callKey(model, args, explicitTypeArgs);
  let r = set.resolutions.get(key);
  if (r === undefined) {
    r = resolveCall(model, set.candidates, args, explicitTypeArgs, checkLambda);
    set.resolutions.set(key, r);
  }
  return r;
}

/**
 * A call with one lambda (`headers.Select(h => ...)`, `Any(x => ...)`). resolveCall reads of the lambda only its
 * place, arity and the type its body gives with the parameter types the candidates agree on; so those parameter
 * types are kept per the call's arguments, the body is checked (by the checker, once, as in resolveCall), and the
 * resolution is kept per the arguments and the body's type.
 */
function resolveWithLambda(
  model: TypeModel,
  set: CandidateSet,
  args: readonly CallArgument[],
  explicitTypeArgs: readonly (TypeRef | undefined)[] | undefined,
  checkLambda: LambdaChecker,
  lambdaAt: number,
): Resolution {
  const lambda = args[lambdaAt]!.lambda!;
  const key = `${callKeyText(model, args, explicitTypeArgs)}|${lambdaAt}=>${lambda.parameters.length}`;
  let parameterTypes = set.lambdaParameters.get(key);
  if (parameterTypes === undefined) {
    const probe = new ParameterTypesProbe();
    resolveCall(model, set.candidates, args, explicitTypeArgs, probe);
    parameterTypes = probe.parameterTypes;
    set.lambdaParameters.set(key, parameterTypes);
  }
  const body = checkLambda.lambdaType(lambda, parameterTypes);
  const resolutionKey = body === undefined ? `${key}:?` : `${key}:${model.typeNumber(body)}`;
  let r = set.lambdaResolutions.get(resolutionKey);
  if (r === undefined) {
    r = resolveCall(model, set.candidates, args, explicitTypeArgs, new KnownBody(body));
    set.lambdaResolutions.set(resolutionKey, r);
  }
  return r;
}

/** Records the parameter types resolveCall gives a lambda, without checking its body. */
class ParameterTypesProbe implements LambdaChecker {
  parameterTypes: readonly (TypeRef | undefined)[] = NO_PARAMETER_TYPES;
  lambdaType(_lambda: Lambda, parameterTypes: readonly (TypeRef | undefined)[]): TypeRef | undefined {
    this.parameterTypes = parameterTypes;
    return undefined;
  }
}

/** A lambda whose body the checker has already typed. */
class KnownBody implements LambdaChecker {
  constructor(private readonly body: TypeRef | undefined) {}
  lambdaType(): TypeRef | undefined {
    return this.body;
  }
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
  // Index loops, no array callbacks: this runs for every call with a lambda argument (LINQ), and the callbacks
  // made closures per call and a much larger optimized function.
  const attempts: Attempt[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const a = attempt(model, candidates[c]!, args, explicitTypeArgs);
    if (a) attempts.push(a);
  }
  // Lambdas: parameter types from the candidates still in the running (the best tier only), body checked once.
  let lambdaTypes: (TypeRef | undefined)[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const lambda = args[i]!.lambda;
    if (!lambda) continue;
    const live = bestTier(applicable(attempts));
    const shaped: Attempt[] = [];
    const shapes: DelegateShape[] = [];
    for (let j = 0; j < live.length; j++) {
      const a = live[j]!;
      const shape = delegateShape(model, a, i, lambda.parameters.length);
      if (!shape) {
        a.applicable = false;
        continue;
      }
      shaped.push(a);
      shapes.push(shape);
    }
    const body = checkLambda.lambdaType(lambda, agree(shapes));
    lambdaTypes ??= new Array<TypeRef | undefined>(args.length).fill(undefined);
    lambdaTypes[i] = body;
    for (let j = 0; j < shaped.length; j++) {
      const a = shaped[j]!;
      const ret = substitute(shapes[j]!.returns, a.bindings);
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
  }
  for (let j = 0; j < attempts.length; j++) {
    const a = attempts[j]!;
    if (!a.applicable || a.uncertain) continue;
    for (const p of a.typeParameters) if (!a.bindings.has(p)) a.applicable = false;
  }
  const live = bestTier(applicable(attempts));
  if (live.length > 1) live.sort(byPreference);
  const best = live[0];
  if (!best) return { chosen: undefined, type: undefined, parameterTypes: new Array(args.length).fill(undefined) };
  const type = resultOf(best);
  for (let j = 1; j < live.length; j++) {
    const other = live[j]!;
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

/** The better candidate first: more exact arguments, more derived, fewer type parameters, the normal form. */
function byPreference(x: Attempt, y: Attempt): number {
  return (
    y.score - x.score ||
    x.candidate.depth - y.candidate.depth ||
    x.typeParameters.size - y.typeParameters.size ||
    Number(x.expanded) - Number(y.expanded)
  );
}

/** The type a call to the attempt's candidate gives, every type parameter bound; else undefined. */
function resultOf(a: Attempt): TypeRef | undefined {
  const t = a.candidate.member.type;
  if (!t) return undefined;
  const bound = substitute(substitute(t, a.candidate.typeSubst), a.bindings);
  return hasTypeParameter(bound) ? undefined : bound;
}

function applicable(attempts: readonly Attempt[]): Attempt[] {
  const out: Attempt[] = [];
  for (let j = 0; j < attempts.length; j++) if (attempts[j]!.applicable) out.push(attempts[j]!);
  return out;
}

function parameterTypesOf(
  a: Attempt,
  args: readonly CallArgument[],
  lambdaTypes: readonly (TypeRef | undefined)[] | undefined,
): (TypeRef | undefined)[] {
  const out = new Array<TypeRef | undefined>(args.length);
  for (let i = 0; i < args.length; i++) {
    out[i] = undefined;
    if (lambdaTypes?.[i] !== undefined && args[i]!.lambda) continue;
    const t = argumentParameterType(a, i);
    if (!t) continue;
    const bound = substitute(t, a.bindings);
    if (!hasTypeParameter(bound)) out[i] = bound;
  }
  return out;
}

/** The attempts of the lowest tier (a type's own members before extension methods). */
function bestTier(attempts: Attempt[]): Attempt[] {
  if (attempts.length === 0) return attempts;
  let tier = attempts[0]!.candidate.tier;
  let mixed = false;
  for (let j = 1; j < attempts.length; j++) {
    const t = attempts[j]!.candidate.tier;
    if (t !== tier) mixed = true;
    if (t < tier) tier = t;
  }
  if (!mixed) return attempts;
  const out: Attempt[] = [];
  for (let j = 0; j < attempts.length; j++) if (attempts[j]!.candidate.tier === tier) out.push(attempts[j]!);
  return out;
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
    const names = c.member.typeParameters;
    for (let i = 0; i < names.length; i++) {
      const t = explicitTypeArgs[i];
      if (t) bindings.set(names[i]!, t);
      else a.uncertain = true;
    }
  }
  if (c.member.extension && c.receiver) {
    const thisType = substitute(all[0]!.type, c.typeSubst);
    if (!unifyReceiver(model, thisType, c.receiver, bindings, typeParameters)) return undefined;
    const bound = substitute(thisType, bindings);
    if (!hasTypeParameter(bound) && !convertsImplicitly(model, c.receiver, bound, false)) return undefined;
  }
  // A params parameter with one argument: the normal form when the argument is (or may be) the array itself.
  const paramsIndex = paramsParameter(params);
  if (paramsIndex >= 0) {
    let onParams = 0;
    for (let i = 0; i < mapped.map.length; i++) if (mapped.map[i] === paramsIndex) onParams++;
    if (onParams !== 1) a.expanded = true;
    else {
      const t = args[mapped.map.indexOf(paramsIndex)]!.type;
      const arrayType = substitute(params[paramsIndex]!.type, c.typeSubst);
      a.expanded = !(t === undefined || t.kind === "null" || convertsImplicitly(model, t, arrayType));
    }
  }
  // Infer from the arguments, then check that each converts to its parameter.
  // (Index loops, no callbacks: see resolveCall.)
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const p = params[mapped.map[i]!]!;
    const pt = argumentParameterType(a, i)!;
    if ((p.modifier === "out" || p.modifier === "ref") !== (arg.arg.modifier === "out" || arg.arg.modifier === "ref"))
      a.applicable = false;
    if (arg.lambda) continue;
    const at = arg.declaration ? undefined : arg.type;
    if (at === undefined) {
      if (hasTypeParameter(pt)) a.uncertain = true;
      continue;
    }
    if (hasTypeParameter(pt) && !unify(model, pt, at, bindings, typeParameters)) a.uncertain = true;
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.lambda || arg.declaration) continue;
    const at = arg.type;
    if (at === undefined) continue;
    const pt = substitute(argumentParameterType(a, i)!, bindings);
    if (hasTypeParameter(pt)) continue;
    if (arg.arg.modifier === "out" || arg.arg.modifier === "ref") {
      if (!sameType(at, pt) && at.kind !== "null") a.applicable = false;
    } else if (!convertsImplicitly(model, at, pt, true, arg.intLiteral)) a.applicable = false;
    if (isExact(at, pt)) a.score++;
  }
  return a;
}

/** The index of the `params` parameter, -1 when none. */
function paramsParameter(params: readonly ParameterInfo[]): number {
  for (let p = 0; p < params.length; p++) if (params[p]!.modifier === "params") return p;
  return -1;
}

function parameterNamed(params: readonly ParameterInfo[], name: string): number {
  for (let p = 0; p < params.length; p++) if (params[p]!.name === name) return p;
  return -1;
}

/** Parameter index per argument (positional, then named), or undefined when the call cannot fit. */
export function mapArguments(
  params: readonly ParameterInfo[],
  args: readonly CallArgument[],
): { map: number[] } | undefined {
  const map: number[] = [];
  const used = new Set<number>();
  const paramsIndex = paramsParameter(params);
  let positional = true;
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.arg.name;
    if (name !== undefined) {
      positional = false;
      const at = parameterNamed(params, name);
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

/** The parameter types and result of the delegate type a lambda argument is passed as. */
interface DelegateShape {
  readonly parameters: (TypeRef | undefined)[];
  readonly returns: TypeRef;
}

/** The parameter types and result of the delegate a lambda argument is passed as, when it takes `arity` parameters. */
function delegateShape(model: TypeModel, a: Attempt, i: number, arity: number): DelegateShape | undefined {
  const pt = argumentParameterType(a, i);
  if (pt?.kind !== "named") return undefined;
  const info = model.type(pt.key);
  if (info?.kind !== "delegate") return undefined;
  const invoke = info.members.get("Invoke")?.[0];
  if (!invoke?.type || invoke.parameters.length !== arity) return undefined;
  const map = model.substitution(info, pt);
  const parameters = new Array<TypeRef | undefined>(arity);
  for (let p = 0; p < arity; p++) {
    const t = substitute(substitute(invoke.parameters[p]!.type, map), a.bindings);
    parameters[p] = hasTypeParameter(t) ? undefined : t;
  }
  return { parameters, returns: substitute(invoke.type, map) };
}

/** Per parameter position, the type every shape agrees on, else undefined. */
function agree(shapes: readonly DelegateShape[]): (TypeRef | undefined)[] {
  if (shapes.length === 0) return [];
  const first = shapes[0]!.parameters;
  const out = new Array<TypeRef | undefined>(first.length);
  for (let p = 0; p < first.length; p++) {
    const t = first[p];
    let same = t !== undefined;
    for (let j = 1; same && j < shapes.length; j++) {
      const other = shapes[j]!.parameters[p];
      same = other !== undefined && sameType(other, t!);
    }
    out[p] = same ? t : undefined;
  }
  return out;
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
