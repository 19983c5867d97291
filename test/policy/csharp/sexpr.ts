// Test helper: a compact one-line S-expression of an expression tree (kinds and structure, no positions), so that
// table-driven tests can state the expected tree in a few characters.
import type { Node, Pattern, TypeNode } from "../../../src/policy/csharp/ast.js";

export function typeText(t: TypeNode): string {
  let s = t.tupleElements ? `(${t.tupleElements.map(typeText).join(", ")})` : t.name || "<missing>";
  if (t.typeArguments.length > 0) s += `<${t.typeArguments.map(typeText).join(", ")}>`;
  if (t.nullable) s += "?";
  for (const r of t.arrayRanks) s += `[${",".repeat(r - 1)}]`;
  return s;
}

function pattern(p: Pattern): string {
  switch (p.kind) {
    case "TypePattern":
      return p.designation ? `(type ${typeText(p.type)} ${p.designation})` : `(type ${typeText(p.type)})`;
    case "ConstantPattern":
      return `(const ${sexpr(p.expression)})`;
    case "VarPattern":
      return `(var ${p.designation})`;
    case "UnsupportedPattern":
      return `(unsupported-pattern "${p.feature}"${(p.children ?? []).map((c) => ` ${sexpr(c)}`).join("")})`;
  }
}

const list = (items: readonly Node[]): string => items.map((x) => ` ${sexpr(x)}`).join("");

export function sexpr(n: Node | undefined): string {
  if (n === undefined) return "_";
  switch (n.kind) {
    case "Literal":
      return n.raw;
    case "Identifier":
      return n.typeArguments.length > 0 ? `${n.name}<${n.typeArguments.map(typeText).join(", ")}>` : n.name;
    case "NamedValue":
      return `{{${n.name}}}`;
    case "MemberAccess": {
      const args = n.typeArguments.length > 0 ? `<${n.typeArguments.map(typeText).join(", ")}>` : "";
      return `(${n.conditional ? "?." : "."} ${sexpr(n.object)} ${n.name}${args})`;
    }
    case "Invocation":
      return `(call ${sexpr(n.callee)}${list(n.arguments)})`;
    case "ElementAccess":
      return `(${n.conditional ? "?[]" : "[]"} ${sexpr(n.object)}${list(n.arguments)})`;
    case "Argument": {
      const v = sexpr(n.value);
      const m = n.modifier ? `${n.modifier} ${v}` : v;
      return n.name ? `${n.name}: ${m}` : m;
    }
    case "DeclarationExpression":
      return `(decl ${n.type ? typeText(n.type) : "var"} ${n.name})`;
    case "Unary":
      return n.prefix ? `(${n.operator} ${sexpr(n.operand)})` : `(post${n.operator} ${sexpr(n.operand)})`;
    case "Binary":
      return `(${n.operator} ${sexpr(n.left)} ${sexpr(n.right)})`;
    case "Conditional":
      return `(?: ${sexpr(n.test)} ${sexpr(n.consequent)} ${sexpr(n.alternate)})`;
    case "Assignment":
      return `(${n.operator} ${sexpr(n.target)} ${sexpr(n.value)})`;
    case "Cast":
      return `(cast ${typeText(n.type)} ${sexpr(n.expression)})`;
    case "As":
      return `(as ${sexpr(n.expression)} ${typeText(n.type)})`;
    case "Is":
      return `(is ${sexpr(n.expression)} ${pattern(n.pattern)})`;
    case "Lambda": {
      const ps = n.parameters.map((p) => (p.type ? `${typeText(p.type)} ${p.name}` : p.name)).join(", ");
      return `(lambda (${ps}) ${sexpr(n.body)})`;
    }
    case "InterpolatedString":
      return `($${n.verbatim ? "@" : ""}${list(n.parts)})`;
    case "InterpolatedText":
      return JSON.stringify(n.value);
    case "Interpolation": {
      const align = n.alignment ? ` ,${sexpr(n.alignment)}` : "";
      const fmt = n.format !== undefined ? ` :${n.format}` : "";
      return `{${sexpr(n.expression)}${align}${fmt}}`;
    }
    case "ObjectCreation": {
      const args = n.arguments ? ` (args${list(n.arguments)})` : "";
      return `(new ${n.type ? typeText(n.type) : "target-typed"}${args}${n.initializer ? ` ${sexpr(n.initializer)}` : ""})`;
    }
    case "ObjectInitializer":
      return `(object-init${list(n.members)})`;
    case "MemberInitializer":
      return `(${n.name ?? `[${n.index?.map((a) => sexpr(a)).join(", ")}]`} = ${sexpr(n.value)})`;
    case "CollectionInitializer":
      return `(collection-init${list(n.elements)})`;
    case "AnonymousObjectCreation":
      return `(new-anonymous${n.members.map((m) => ` ${m.name ? `${m.name} = ` : ""}${sexpr(m.value)}`).join("")})`;
    case "ArrayCreation": {
      const el = n.elementType ? typeText(n.elementType) : "implicit";
      const sizes = n.sizes.length > 0 ? ` (sizes${list(n.sizes)})` : "";
      return `(new-array ${el} [${n.ranks.join(",")}]${sizes}${n.initializer ? ` ${sexpr(n.initializer)}` : ""})`;
    }
    case "ArrayInitializer":
      return `(array-init${list(n.elements)})`;
    case "TypeOf":
      return `(typeof ${typeText(n.type)})`;
    case "SizeOf":
      return `(sizeof ${typeText(n.type)})`;
    case "RefExpression":
      return `(ref ${sexpr(n.expression)})`;
    case "Default":
      return n.type ? `(default ${typeText(n.type)})` : "default";
    case "Parenthesized":
      return `(paren ${sexpr(n.expression)})`;
    case "Tuple":
      return `(tuple${list(n.elements)})`;
    case "ThrowExpression":
      return `(throw ${sexpr(n.expression)})`;
    case "CheckedExpression":
      return `(${n.checked ? "checked" : "unchecked"} ${sexpr(n.expression)})`;
    case "This":
      return n.base ? "base" : "this";
    case "Query":
      return `(query${list(n.clauses)})`;
    case "FromClause":
      return `(from ${n.type ? `${typeText(n.type)} ` : ""}${n.name} ${sexpr(n.source)})`;
    case "LetClause":
      return `(let ${n.name} ${sexpr(n.value)})`;
    case "WhereClause":
      return `(where ${sexpr(n.condition)})`;
    case "JoinClause":
      return `(join ${n.name} ${sexpr(n.source)} ${sexpr(n.left)} ${sexpr(n.right)}${n.into ? ` into ${n.into}` : ""})`;
    case "OrderByClause":
      return `(orderby${n.orderings.map((o) => ` ${sexpr(o.expression)}${o.descending ? " desc" : ""}`).join("")})`;
    case "SelectClause":
      return `(select ${sexpr(n.value)})`;
    case "GroupClause":
      return `(group ${sexpr(n.value)} by ${sexpr(n.key)})`;
    case "IntoClause":
      return `(into ${n.name})`;
    case "UnsupportedExpression":
      return `(unsupported "${n.feature}"${list(n.children)})`;
    case "Missing":
      return "<missing>";
    case "Type":
      return typeText(n);
    case "Block":
      return `(block${list(n.statements)})`;
    case "LocalDeclaration": {
      const ds = n.declarators.map((d) => (d.initializer ? ` (${d.name} ${sexpr(d.initializer)})` : ` ${d.name}`));
      return `(${n.isConst ? "const" : "local"} ${n.type ? typeText(n.type) : "var"}${ds.join("")})`;
    }
    case "ExpressionStatement":
      return `(expr ${sexpr(n.expression)})`;
    case "If":
      return `(if ${sexpr(n.test)} ${sexpr(n.consequent)}${n.alternate ? ` ${sexpr(n.alternate)}` : ""})`;
    case "Switch":
      return `(switch ${sexpr(n.discriminant)}${list(n.sections)})`;
    case "SwitchSection":
      return `(section${n.labels.map((l) => ` ${sexpr(l)}`).join("")}${list(n.statements)})`;
    case "SwitchLabel":
      return l(n.pattern ? `case ${pattern(n.pattern)}${n.when ? ` when ${sexpr(n.when)}` : ""}` : "default");
    case "For": {
      const init =
        n.init === undefined ? "_" : Array.isArray(n.init) ? `(${n.init.map(sexpr).join(" ")})` : sexpr(n.init);
      return `(for ${init} ${sexpr(n.test)} (${n.update.map(sexpr).join(" ")}) ${sexpr(n.body)})`;
    }
    case "Foreach":
      return `(foreach ${n.type ? typeText(n.type) : "var"} ${n.deconstruction ? sexpr(n.deconstruction) : n.name} ${sexpr(n.iterable)} ${sexpr(n.body)})`;
    case "While":
      return `(while ${sexpr(n.test)} ${sexpr(n.body)})`;
    case "Do":
      return `(do ${sexpr(n.body)} ${sexpr(n.test)})`;
    case "Break":
      return "(break)";
    case "Continue":
      return "(continue)";
    case "Return":
      return n.argument ? `(return ${sexpr(n.argument)})` : "(return)";
    case "Throw":
      return n.argument ? `(throw-statement ${sexpr(n.argument)})` : "(throw-statement)";
    case "Try":
      return `(try ${sexpr(n.block)}${list(n.handlers)}${n.finalizer ? ` (finally ${sexpr(n.finalizer)})` : ""})`;
    case "CatchClause": {
      const head = n.type ? ` ${typeText(n.type)}${n.name ? ` ${n.name}` : ""}` : "";
      return `(catch${head}${n.filter ? ` when ${sexpr(n.filter)}` : ""} ${sexpr(n.body)})`;
    }
    case "Using":
      return `(using ${sexpr(n.resource)}${n.body ? ` ${sexpr(n.body)}` : ""})`;
    case "Empty":
      return "(empty)";
    case "LocalFunction": {
      const ps = n.parameters.map((p) => (p.type ? `${typeText(p.type)} ${p.name}` : p.name)).join(", ");
      const generic =
        (n.typeParameters.length > 0 ? `<${n.typeParameters.join(", ")}>` : "") +
        n.constraints.map((c) => ` where:${typeText(c)}`).join("");
      return `(function ${n.returnType ? typeText(n.returnType) : "_"} ${n.name}${generic} (${ps}) ${sexpr(n.body)})`;
    }
    case "Lock":
      return `(lock ${sexpr(n.expression)} ${sexpr(n.body)})`;
    case "Goto":
      return n.label ? `(goto ${n.label})` : n.caseValue ? `(goto-case ${sexpr(n.caseValue)})` : "(goto-default)";
    case "Labeled":
      return `(label ${n.label} ${sexpr(n.body)})`;
    case "Yield":
      return n.argument ? `(yield ${sexpr(n.argument)})` : "(yield-break)";
    case "BadStatement":
      return `(bad${list(n.children)})`;
    default:
      return `(${n.kind})`;
  }
}

function l(s: string): string {
  return `(${s})`;
}

/** Every node under `root` (explicit stack), by the fields that hold nodes. */
export function allNodes(root: Node): Node[] {
  const out: Node[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (typeof v === "object" && v !== null) {
      if (typeof (v as { kind?: unknown }).kind === "string") out.push(v as Node);
      for (const x of Object.values(v)) if (typeof x === "object" && x !== null) stack.push(x);
    }
  }
  return out;
}

/** The first child node found outside its parent's [start, end), as `Parent > Child`; undefined when none is. */
export function misplacedChild(root: Node): string | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const kids: Node[] = [];
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) for (const x of v) collect(x);
      else if (typeof v === "object" && v !== null) {
        if (typeof (v as { kind?: unknown }).kind === "string") kids.push(v as Node);
        else for (const x of Object.values(v)) collect(x);
      }
    };
    for (const v of Object.values(node)) collect(v);
    for (const k of kids) {
      if (k.start < node.start || k.end > node.end || k.start > k.end) {
        return `${node.kind} [${node.start}, ${node.end}) > ${k.kind} [${k.start}, ${k.end})`;
      }
      stack.push(k);
    }
  }
  return undefined;
}
