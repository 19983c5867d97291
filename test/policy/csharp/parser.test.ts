// The C# parser: every construct to its tree (compact S-expressions, see sexpr.ts), node positions in the original
// text (entities, CRLF), each error with its C# code, message and place, and each newer-syntax warning.
import { describe, expect, it } from "vitest";
import type { CsDiagnostic, Expression, Node, ParsedExpression } from "../../../src/policy/csharp/ast.js";
import { parseExpression, parseExpressionText } from "../../../src/policy/csharp/index.js";
import { parsePolicy } from "../../../src/policy/parser.js";
import { walkElements } from "../../../src/policy/query.js";
import { allNodes, sexpr } from "./sexpr.js";

function tree(text: string): string {
  return sexpr(parseExpressionText(text).body);
}

function errors(r: ParsedExpression): CsDiagnostic[] {
  return r.diagnostics.filter((d) => d.severity === "error");
}

/** Parses `@(code)`, expecting no diagnostic at all. */
function clean(code: string): string {
  const r = parseExpressionText(`@(${code})`);
  expect(r.diagnostics).toEqual([]);
  return sexpr(r.body);
}

function cleanBlock(code: string): string {
  const r = parseExpressionText(`@{${code}}`);
  expect(r.diagnostics).toEqual([]);
  return sexpr(r.body);
}

describe("parser: literals and names", () => {
  const cases: [string, string][] = [
    ['"a\\"b"', '"a\\"b"'],
    ['@"x""y"', '@"x""y"'],
    ["'c'", "'c'"],
    ["1.5m", "1.5m"],
    ["true || false || null == x", "(|| (|| true false) (== null x))"],
    ["{{nv}}", "{{nv}}"],
    ["@class", "class"],
    ['string.Join(",", xs)', '(call (. string Join) "," xs)'],
    ["int.MaxValue", "(. int MaxValue)"],
    ["this.x + base.y", "(+ (. this x) (. base y))"],
    ["global::System.String.Empty", "(. (. (. global System) String) Empty)"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));

  it("sets literal values and number types", () => {
    const body = parseExpressionText('@(f("a\\tb", 0x1Fu, 2L, 1e3, \'\\u0041\', @"v""w"))').body;
    expect(body.kind).toBe("Invocation");
    const lits = (body as Extract<Expression, { kind: "Invocation" }>).arguments.map((a) => a.value);
    expect(
      lits.map((l) => (l.kind === "Literal" ? [l.literalKind, l.value, l.numberType, l.verbatim] : l.kind)),
    ).toEqual([
      ["string", "a\tb", undefined, false],
      ["number", "0x1F", "uint", false],
      ["number", "2", "long", false],
      ["number", "1e3", "double", false],
      ["char", "A", undefined, false],
      ["string", 'v"w', undefined, true],
    ]);
  });
});

describe("parser: interpolated strings", () => {
  const cases: [string, string][] = [
    ['$"a{b,5:F0}c"', '($ "a" {b ,5 :F0} "c")'],
    ['$"{x["k"]}"', '($ {([] x "k")})'],
    ['$"{(a ? "x" : $"y{b}")}"', '($ {(paren (?: a "x" ($ "y" {b})))})'],
    ['$@"a""{b}"', '($@ "a\\"" {b})'],
    ['$"{{lit}} {v:yyyy-MM-dd}"', '($ "{lit} " {v :yyyy-MM-dd})'],
    ['$"{a,-10}"', "($ {a ,(- 10)})"],
    ['$""', "($)"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));
});

describe("parser: member access, calls, indexers", () => {
  const cases: [string, string][] = [
    ["a.b.c", "(. (. a b) c)"],
    ["a?.b?[0]?.c", "(?. (?[] (?. a b) 0) c)"],
    ["f(x)(y)", "(call (call f x) y)"],
    ["a[1, 2][3]", "([] ([] a 1 2) 3)"],
    [
      "context.Request.Body.As<JObject>(preserveContent: true)",
      "(call (. (. (. context Request) Body) As<JObject>) preserveContent: true)",
    ],
    [
      'context.Variables.GetValueOrDefault<string>("a", "")',
      '(call (. (. context Variables) GetValueOrDefault<string>) "a" "")',
    ],
    ['o["a"].Value<int>()', '(call (. ([] o "a") Value<int>))'],
    ["F<List<Dictionary<string, int[]>>>()", "(call F<List<Dictionary<string, int[]>>>)"],
    ["int.TryParse(s, out var n)", "(call (. int TryParse) s out (decl var n))"],
    ["d.TryGetValue(k, out string v)", "(call (. d TryGetValue) k out (decl string v))"],
    ["d.TryGetValue(k, out v)", "(call (. d TryGetValue) k out v)"],
    ["f(ref a, in b)", "(call f ref a in b)"],
    ["nameof(x)", "(call nameof x)"],
    ["x++ + --y", "(+ (post++ x) (-- y))"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));
});

describe("parser: operators and precedence", () => {
  const cases: [string, string][] = [
    ["a + b * c - d / e % f", "(- (+ a (* b c)) (% (/ d e) f))"],
    ["a << 1 + 2", "(<< a (+ 1 2))"],
    ["a >> 2", "(>> a 2)"],
    ["a < b == c > d", "(== (< a b) (> c d))"],
    ["a & b ^ c | d && e || f", "(|| (&& (| (^ (& a b) c) d) e) f)"],
    ["a ?? b ?? c", "(?? a (?? b c))"],
    ["a || b ?? c", "(?? (|| a b) c)"],
    ["a ? b : c ? d : e", "(?: a b (?: c d e))"],
    ["x = y += z", "(= x (+= y z))"],
    ["a >>= 1", "(>>= a 1)"],
    ["!a && -b < ~c", "(&& (! a) (< (- b) (~ c)))"],
    ["x ?? throw new Exception()", "(?? x (throw (new Exception (args))))"],
    ["a ? (x) : y", "(?: a (paren x) y)"],
    ["a?.b ?? c", "(?? (?. a b) c)"],
    ["checked(a + b) + unchecked(c)", "(+ (checked (+ a b)) (unchecked c))"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));
});

describe("parser: generics disambiguation (C#'s follow-token rule)", () => {
  const cases: [string, string][] = [
    ["F(a < b > (c))", "(call F (call a<b> c))"],
    ["F(a < b, c > d)", "(call F (< a b) (> c d))"],
    ["a < b > c", "(> (< a b) c)"],
    ["x.As<JObject>()", "(call (. x As<JObject>))"],
    ["typeof(List<int>)", "(typeof List<int>)"],
    ["a < b && c > d", "(&& (< a b) (> c d))"],
    ["List<int>.Empty", "(. List<int> Empty)"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));
});

describe("parser: casts, as, is", () => {
  const cases: [string, string][] = [
    ['(string)context.Variables["x"]', '(cast string ([] (. context Variables) "x"))'],
    ['((IResponse)context.Variables["r"]).Body', '(. (paren (cast IResponse ([] (. context Variables) "r"))) Body)'],
    ["(JObject)JToken.Parse(s)", "(cast JObject (call (. JToken Parse) s))"],
    ["(int)-1", "(cast int (- 1))"],
    ["(a)-1", "(- (paren a) 1)"],
    ["(a)(b)", "(cast a (paren b))"],
    ["(int?)x", "(cast int? x)"],
    ["(string[])x", "(cast string[] x)"],
    ["(List<string>)x", "(cast List<string> x)"],
    ["(object)null", "(cast object null)"],
    ["(x) + y", "(+ (paren x) y)"],
    ['(Jwt)context.Variables["jwt"]', '(cast Jwt ([] (. context Variables) "jwt"))'],
    ['x as string ?? "d"', '(?? (as x string) "d")'],
    ["x as int?", "(as x int?)"],
    ["x is string s", "(is x (type string s))"],
    ["x is string", "(is x (type string))"],
    ["x is null", "(is x (const null))"],
    ["x is var v", "(is x (var v))"],
    ['x is "a"', '(is x (const "a"))'],
    ["x is -1", "(is x (const (- 1)))"],
    ["x is T ? a : b", "(?: (is x (type T)) a b)"],
    ["x is int? ? a : b", "(?: (is x (type int?)) a b)"],
    ["x is JArray a && a.Count > 0", "(&& (is x (type JArray a)) (> (. a Count) 0))"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));
});

describe("parser: lambdas and anonymous methods", () => {
  const cases: [string, string][] = [
    ["x => x.Name", "(lambda (x) (. x Name))"],
    ["(a, b) => a + b", "(lambda (a, b) (+ a b))"],
    ["(string s) => { return s; }", "(lambda (string s) (block (return s)))"],
    ["() => 1", "(lambda () 1)"],
    [
      'h.Where(h => h.Key == "a").Select(h => h.Value)',
      '(call (. (call (. h Where) (lambda (h) (== (. h Key) "a"))) Select) (lambda (h) (. h Value)))',
    ],
    ["x => y => x + y", "(lambda (x) (lambda (y) (+ x y)))"],
    ["delegate (int i) { return i; }", "(lambda (int i) (block (return i)))"],
    ["c => c.Value.Thumbprint == t", "(lambda (c) (== (. (. c Value) Thumbprint) t))"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));
});

describe("parser: object, collection and array creation", () => {
  const cases: [string, string][] = [
    ["new JObject()", "(new JObject (args))"],
    ['new JObject(new JProperty("a", 1))', '(new JObject (args (new JProperty (args "a" 1))))'],
    ['new JObject { ["a"] = 1, ["b"] = x }', '(new JObject (object-init (["a"] = 1) (["b"] = x)))'],
    [
      'new Dictionary<string, string> { { "a", "b" }, { "c", "d" } }',
      '(new Dictionary<string, string> (collection-init (collection-init "a" "b") (collection-init "c" "d")))',
    ],
    ['new List<string> { "a" }', '(new List<string> (collection-init "a"))'],
    ["new X { Name = 1, Sub = { A = 2 } }", "(new X (object-init (Name = 1) (Sub = (object-init (A = 2)))))"],
    ["new X(1) { Name = 2 }", "(new X (args 1) (object-init (Name = 2)))"],
    ["new { a, Name = b, x.c }", "(new-anonymous a Name = b (. x c))"],
    ['new string[] { "a" }', '(new-array string [1] (array-init "a"))'],
    ["new[] { 1, 2 }", "(new-array implicit [1] (array-init 1 2))"],
    ["new int[3]", "(new-array int [1] (sizes 3))"],
    ["new byte[0]", "(new-array byte [1] (sizes 0))"],
    ["new int[2][]", "(new-array int [1,1] (sizes 2))"],
    ["new int[2, 3]", "(new-array int [2] (sizes 2 3))"],
    ["new int[,] { { 1, 2 }, { 3, 4 } }", "(new-array int [2] (array-init (array-init 1 2) (array-init 3 4)))"],
    ["new int[][] { new[] { 1 } }", "(new-array int [1,1] (array-init (new-array implicit [1] (array-init 1))))"],
    ['new string[] { "a" }.Contains(x)', '(call (. (new-array string [1] (array-init "a")) Contains) x)'],
    ["typeof(Dictionary<,>)", "(typeof Dictionary)"],
    ["sizeof(int) + sizeof(decimal)", "(+ (sizeof int) (sizeof decimal))"],
    ["default(int) + default", "(+ (default int) default)"],
    ["(a, b)", "(tuple a b)"],
    // Not followed by `=`, `(A < B, C > D)` is two comparisons, never a declaration of D.
    ["(A < B, C > D)", "(tuple (< A B) (> C D))"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));
});

describe("parser: LINQ query syntax", () => {
  const cases: [string, string][] = [
    ["from x in xs select x", "(query (from x xs) (select x))"],
    [
      "from x in xs where x.A > 1 orderby x.B descending, x.C select new { x.A }",
      "(query (from x xs) (where (> (. x A) 1)) (orderby (. x B) desc (. x C)) (select (new-anonymous (. x A))))",
    ],
    [
      "from JProperty p in o.Properties() let n = p.Name select n",
      "(query (from JProperty p (call (. o Properties))) (let n (. p Name)) (select n))",
    ],
    [
      "from a in xs join b in ys on a.Id equals b.Id into g select g",
      "(query (from a xs) (join b ys (. a Id) (. b Id) into g) (select g))",
    ],
    [
      "from x in xs group x by x.K into g select g.Key",
      "(query (from x xs) (group x by (. x K)) (into g) (select (. g Key)))",
    ],
    ["from x in (xs) where (x) select (x)", "(query (from x (paren xs)) (where (paren x)) (select (paren x)))"],
    ["from.Length", "(. from Length)"],
  ];
  it.each(cases)("%s", (code, expected) => expect(clean(code)).toBe(expected));

  it("opens a query only on `from` spelt plainly (contextual keywords match no @ or escaped name)", () => {
    for (const spelt of ["\\u0066rom", "@from"]) {
      const r = parseExpressionText(`@(${spelt} x in xs select x)`);
      expect(r.body?.kind).not.toBe("Query");
      expect(r.diagnostics[0]?.message).toBe(") expected");
    }
  });
});

describe("parser: statements", () => {
  const cases: [string, string][] = [
    ["var a = 1; return a;", "(block (local var (a 1)) (return a))"],
    // Deconstruction (C# 7): the left is a tuple of declarations; without `=` after it a tuple stays expressions.
    [
      "var (a, (b, c)) = (1, (2, 3));",
      "(block (expr (= (tuple (decl var a) (tuple (decl var b) (decl var c))) (tuple 1 (tuple 2 3)))))",
    ],
    ["(int a, var b) = (1, 2);", "(block (expr (= (tuple (decl int a) (decl var b)) (tuple 1 2))))"],
    ["(a, b) = (b, a);", "(block (expr (= (tuple a b) (tuple b a))))"],
    ["foreach (var (k, v) in xs) { }", "(block (foreach var (tuple (decl var k) (decl var v)) xs (block)))"],
    ["foreach ((int k, string v) in xs) { }", "(block (foreach var (tuple (decl int k) (decl string v)) xs (block)))"],
    ["foreach ((int, string) t in xs) { }", "(block (foreach (int, string) t xs (block)))"],
    // Ref locals and returns (C# 7).
    [
      "var a = new int[1]; ref int r = ref a[0]; r = 2; return a[0];",
      "(block (local var (a (new-array int [1] (sizes 1)))) (local int (r (ref ([] a 0)))) (expr (= r 2)) (return ([] a 0)))",
    ],
    ["ref readonly var r = ref x; return r;", "(block (local var (r (ref x))) (return r))"],
    [
      "ref int F(int[] a) => ref a[0]; return F(xs);",
      "(block (function int F (int[] a) (ref ([] a 0))) (return (call F xs)))",
    ],
    ["return ref c ? ref a : ref b;", "(block (return (ref (?: c (ref a) (ref b)))))"],
    // Statements of C# 1-2 that policies hardly use, read rather than rejected.
    ["lock (o) { n++; }", "(block (lock o (block (expr (post++ n)))))"],
    ["goto end; end: return 1;", "(block (goto end) (label end (return 1)))"],
    [
      "switch (x) { case 1: goto case 2; case 2: goto default; default: break; }",
      "(block (switch x (section (case (const 1)) (goto-case 2)) (section (case (const 2)) (goto-default)) (section (default) (break))))",
    ],
    [
      "IEnumerable<int> G() { yield return 1; yield break; } return G();",
      "(block (function IEnumerable<int> G () (block (yield 1) (yield-break))) (return (call G)))",
    ],
    ["var yield = 1; return yield;", "(block (local var (yield 1)) (return yield))"],
    // The binder tells `var` by the name's value: an escaped spelling declares an implicitly typed local too.
    ["v\\u0061r a = 1; return a;", "(block (local var (a 1)) (return a))"],
    ['string a, b = "x";', '(block (local string a (b "x")))'],
    ["const int n = 3;", "(block (const int (n 3)))"],
    [
      "JObject o = new JObject(); string[] parts = s.Split(','); return o;",
      "(block (local JObject (o (new JObject (args)))) (local string[] (parts (call (. s Split) ','))) (return o))",
    ],
    ["Dictionary<string, List<int>> d = null;", "(block (local Dictionary<string, List<int>> (d null)))"],
    ["int? n = null; int[] a = { 1, 2 };", "(block (local int? (n null)) (local int[] (a (array-init 1 2))))"],
    ["a < b > c;", "(block (local a<b> c))"],
    [
      "x = 1; x += 2; x++; --x; f(); new X();",
      "(block (expr (= x 1)) (expr (+= x 2)) (expr (post++ x)) (expr (-- x)) (expr (call f)) (expr (new X (args))))",
    ],
    [
      "if (a) return 1; else if (b) { return 2; } else return 3;",
      "(block (if a (return 1) (if b (block (return 2)) (return 3))))",
    ],
    [
      'switch (x) { case "a": case "b": return 1; case int n when n > 0: break; default: return 2; }',
      '(block (switch x (section (case (const "a")) (case (const "b")) (return 1)) (section (case (type int n) when (> n 0)) (break)) (section (default) (return 2))))',
    ],
    [
      "switch (x) { case JTokenType.Null: return 1; }",
      "(block (switch x (section (case (const (. JTokenType Null))) (return 1))))",
    ],
    [
      "for (int i = 0, j = 1; i < n; i++, j--) { continue; }",
      "(block (for (local int (i 0) (j 1)) (< i n) ((post++ i) (post-- j)) (block (continue))))",
    ],
    ["for (;;) break;", "(block (for _ _ () (break)))"],
    ["for (i = 0; i < 3; i++) ;", "(block (for ((= i 0)) (< i 3) ((post++ i)) (empty)))"],
    ["foreach (var x in xs) { }", "(block (foreach var x xs (block)))"],
    [
      "foreach (JProperty p in o.Properties()) d[p.Name] = 1;",
      "(block (foreach JProperty p (call (. o Properties)) (expr (= ([] d (. p Name)) 1))))",
    ],
    [
      "while (a) a--; do { a++; } while (a < 3);",
      "(block (while a (expr (post-- a))) (do (block (expr (post++ a))) (< a 3)))",
    ],
    ['throw new Exception("x");', '(block (throw-statement (new Exception (args "x"))))'],
    [
      "try { f(); } catch (FormatException e) when (e.Message != null) { } catch { throw; } finally { g(); }",
      "(block (try (block (expr (call f))) (catch FormatException e when (!= (. e Message) null) (block)) (catch (block (throw-statement))) (finally (block (expr (call g))))))",
    ],
    [
      "using (var s = new StringWriter()) { s.Write(1); }",
      "(block (using (local var (s (new StringWriter (args)))) (block (expr (call (. s Write) 1)))))",
    ],
    ["using (x) f();", "(block (using x (expr (call f))))"],
    ["{ ; }", "(block (block (empty)))"],
    [
      "string F(int x) { return x.ToString(); } return F(1);",
      "(block (function string F (int x) (block (return (call (. x ToString))))) (return (call F 1)))",
    ],
    ["int Twice(int x) => x * 2;", "(block (function int Twice (int x) (* x 2)))"],
    // A generic local function (C# 7); `Id < T > (t)` would be comparisons, but a declaration comes first.
    ["T Id<T>(T t) => t; return Id(1);", "(block (function T Id<T> (T t) t) (return (call Id 1)))"],
    [
      "List<T> Two<T, U>(T t, U u) { return null; }",
      "(block (function List<T> Two<T, U> (T t, U u) (block (return null))))",
    ],
    [
      "T F<T, U>(T t) where T : class, IComparable<T>, new() where U : struct => t;",
      "(block (function T F<T, U> where:IComparable<T> (T t) t))",
    ],
    [
      'var r = (IResponse)context.Variables["r"];',
      '(block (local var (r (cast IResponse ([] (. context Variables) "r")))))',
    ],
    ["return from x in xs select x;", "(block (return (query (from x xs) (select x))))"],
    ["var q = from x in xs select x;", "(block (local var (q (query (from x xs) (select x)))))"],
    ["checked { x++; }", "(block (block (expr (post++ x))))"],
  ];
  it.each(cases)("%s", (code, expected) => expect(cleanBlock(code)).toBe(expected));
});

describe("parser: forms", () => {
  it("reads @( ) as one expression and @{ } as a block", () => {
    const inline = parseExpressionText("@(1)");
    expect(inline.form).toBe("inline");
    expect(inline.body.kind).toBe("Literal");
    const block = parseExpressionText("@{ return 1; }");
    expect(block.form).toBe("block");
    expect(block.body).toMatchObject({ kind: "Block", start: 1, end: 14 });
  });

  it("rejects a statement inside @( )", () => {
    expect(parseExpressionText("@(return 1;)").diagnostics.map((d) => [d.code, d.message, d.start])).toEqual([
      ["CS1525", "Invalid expression term 'return'", 2],
    ]);
    expect(parseExpressionText("@(a; b)").diagnostics.map((d) => [d.code, d.message, d.start, d.end])).toEqual([
      ["CS1026", ") expected", 3, 3],
    ]);
  });

  it("reads code without delimiters as an inline expression", () => {
    expect(tree("a + b")).toBe("(+ a b)");
  });
});

describe("parser: positions", () => {
  /** `Kind text` of every node, in tree order, text being the source slice [start, end). */
  const slices = (text: string): string[] => {
    const r = parseExpressionText(text);
    expect(r.diagnostics).toEqual([]);
    return allNodes(r.body)
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .map((n) => `${n.kind} ${text.slice(n.start, n.end)}`);
  };
  const cases: [string, string[]][] = [
    [
      "@(a.b(c, n: 1))",
      [
        "Invocation a.b(c, n: 1)",
        "MemberAccess a.b",
        "Identifier a",
        "Argument c",
        "Identifier c",
        "Argument n: 1",
        "Literal 1",
      ],
    ],
    [
      '@((string)x["k"])',
      ['Cast (string)x["k"]', "Type string", 'ElementAccess x["k"]', "Identifier x", 'Argument "k"', 'Literal "k"'],
    ],
    ["@(x => x + 1)", ["Lambda x => x + 1", "Parameter x", "Binary x + 1", "Identifier x", "Literal 1"]],
    [
      '@($"a{b,2:F}c")',
      [
        'InterpolatedString $"a{b,2:F}c"',
        "InterpolatedText a",
        "Interpolation {b,2:F}",
        "Identifier b",
        "Literal 2",
        "InterpolatedText c",
      ],
    ],
    [
      "@(f(out var v))",
      ["Invocation f(out var v)", "Identifier f", "Argument out var v", "DeclarationExpression var v"],
    ],
    [
      "@(x is List<int> l)",
      ["Is x is List<int> l", "Identifier x", "TypePattern List<int> l", "Type List<int>", "Type int"],
    ],
    ["@(new int[] { 1 })", ["ArrayCreation new int[] { 1 }", "Type int", "ArrayInitializer { 1 }", "Literal 1"]],
    [
      "@(new X { A = 1 })",
      [
        "ObjectCreation new X { A = 1 }",
        "Type X",
        "ObjectInitializer { A = 1 }",
        "MemberInitializer A = 1",
        "Literal 1",
      ],
    ],
    [
      "@(from x in xs select x)",
      [
        "Query from x in xs select x",
        "FromClause from x in xs",
        "Identifier xs",
        "SelectClause select x",
        "Identifier x",
      ],
    ],
    [
      "@{ if (a) { return 1; } }",
      [
        "Block { if (a) { return 1; } }",
        "If if (a) { return 1; }",
        "Identifier a",
        "Block { return 1; }",
        "Return return 1;",
        "Literal 1",
      ],
    ],
    [
      "@{ var s = t; }",
      ["Block { var s = t; }", "LocalDeclaration var s = t;", "VariableDeclarator s = t", "Identifier t"],
    ],
  ];
  it.each(cases)("%s", (text, expected) => expect(slices(text)).toEqual(expected));

  it("gives each node its [start, end) in the original text", () => {
    const r = parseExpressionText('@(ctx.Get("k")?.Length)');
    const b = r.body as Extract<Expression, { kind: "MemberAccess" }>;
    expect([b.kind, b.start, b.end, b.nameStart, b.nameEnd, b.conditional]).toEqual([
      "MemberAccess",
      2,
      22,
      16,
      22,
      true,
    ]);
    const call = b.object as Extract<Expression, { kind: "Invocation" }>;
    expect([call.start, call.end, call.arguments[0]?.start, call.arguments[0]?.end]).toEqual([2, 14, 10, 13]);
  });

  it("spans XML references as written: &quot;a&quot; is one literal from the & to after the ;", () => {
    const text = "@(x == &quot;a&quot; &amp;&amp; y &lt; 2)";
    const r = parseExpressionText(text);
    expect(r.diagnostics).toEqual([]);
    const and = r.body as Extract<Expression, { kind: "Binary" }>;
    expect(and.operator).toBe("&&");
    const eq = and.left as Extract<Expression, { kind: "Binary" }>;
    expect(eq.right).toMatchObject({ kind: "Literal", value: "a", raw: '"a"', start: 7, end: 20 });
    expect(text.slice(eq.right.start, eq.right.end)).toBe("&quot;a&quot;");
    expect(and.right).toMatchObject({ kind: "Binary", operator: "<", start: 32, end: 40 });
  });

  it("parses an expression the policy parser found, with a closing delimiter written as a reference", () => {
    const source = '<policies><inbound><set-variable name="a" value="@(f(&quot;x&quot;)&#41;" /></inbound></policies>';
    const doc = parsePolicy(source);
    const expr = [...walkElements(doc.root)].flatMap((e) => e.attributes).find((a) => a.name === "value")
      ?.value.expression;
    expect(expr).toBeDefined();
    if (!expr) return;
    const r = parseExpression(doc.source, expr);
    expect(r.diagnostics).toEqual([]);
    expect(sexpr(r.body)).toBe('(call f "x")');
    expect(r.body.end).toBe(source.indexOf("&#41;"));
  });

  it("gives the same line:column in a CRLF file as in the LF file, for every node and diagnostic", () => {
    const lf = [
      "<policies><inbound><set-body>@{",
      '  var s = @"line1',
      'line2";',
      "  /* a comment",
      '     over lines */ var x = $@"{s}',
      '" + 1',
      "  return x.Length;",
      "}</set-body></inbound></policies>",
    ].join("\n");
    const crlf = lf.replace(/\n/g, "\r\n");
    const positions = (source: string): string[] => {
      const doc = parsePolicy(source);
      const expr = [...walkElements(doc.root)].flatMap((e) => e.children).find((c) => c.type === "text")
        ?.value.expression;
      if (!expr) return [];
      const r = parseExpression(doc.source, expr);
      const out: string[] = [];
      const at = (o: number): string => `${doc.positionAt(o).line}:${doc.positionAt(o).column}`;
      for (const n of allNodes(r.body)) out.push(`${n.kind} ${at(n.start)}-${at(n.end)}`);
      for (const d of r.diagnostics) out.push(`${d.code} ${at(d.start)}-${at(d.end)}`);
      return out;
    };
    const a = positions(lf);
    expect(a.length).toBeGreaterThan(10);
    expect(a).toContain("CS1002 6:6-6:6");
    expect(positions(crlf)).toEqual(a);
  });
});

describe("parser: errors", () => {
  const cases: [name: string, text: string, expected: [string, string, number, number][]][] = [
    [
      "missing ; at the end of the previous token (CS1002)",
      '@{ var a = "x" return a; }',
      [["CS1002", "; expected", 14, 14]],
    ],
    ["missing ; on the previous line", "@{ f()\n g(); }", [["CS1002", "; expected", 6, 6]]],
    ["missing ) (CS1026)", "@(f(a, b)", [["CS1026", ") expected", 8, 8]]],
    ["missing ] (CS1003)", "@(a[1)", [["CS1003", "Syntax error, ']' expected", 5, 5]]],
    ["missing } (CS1513)", "@{ if (a) { return 1; ", [["CS1513", "} expected", 21, 21]]],
    ["missing { (CS1514)", "@{ switch (x) return; }", [["CS1514", "{ expected", 13, 13]]],
    ["identifier expected (CS1001)", "@(a.)", [["CS1001", "Identifier expected", 4, 4]]],
    [
      "a keyword as a name (CS1041)",
      "@{ var return = 1; }",
      [["CS1041", "Identifier expected; 'return' is a keyword", 7, 13]],
    ],
    ["invalid expression term (CS1525)", "@(a + )", [["CS1525", "Invalid expression term ')'", 6, 6]]],
    ["empty @( )", "@()", [["CS1525", "Invalid expression term ')'", 2, 2]]],
    ["empty block expression term", "@{ return ; }", []],
    ["type expected (CS1031)", "@(x as 1)", [["CS1031", "Type expected", 7, 8]]],
    [
      "not a statement (CS0201)",
      "@{ a + b; }",
      [
        [
          "CS0201",
          "Only assignment, call, increment, decrement, await, and new object expressions can be used as a statement",
          3,
          8,
        ],
      ],
    ],
    [
      "property access as a statement",
      "@{ x.Length; return 1; }",
      [
        [
          "CS0201",
          "Only assignment, call, increment, decrement, await, and new object expressions can be used as a statement",
          3,
          11,
        ],
      ],
    ],
    [
      "conditional in a hole (CS8361)",
      '@($"{a ? b : c}")',
      [
        [
          "CS8361",
          "A conditional expression cannot be used directly in a string interpolation because the ':' ends the interpolation. Parenthesize the conditional expression.",
          5,
          11,
        ],
      ],
    ],
    ["empty hole", '@($"{}")', [["CS1733", "Expected expression", 5, 6]]],
    [
      "query without select (CS0742)",
      "@(from x in xs where x)",
      [["CS0742", "A query body must end with a select clause or a group clause", 22, 22]],
    ],
    ["try without catch (CS1524)", "@{ try { } return 1; }", [["CS1524", "Expected catch or finally", 10, 10]]],
    [
      "constructor arguments in a declaration (CS1528)",
      "@{ List<int> a(3); }",
      [["CS1528", "Expected ; or = (cannot specify constructor arguments in declaration)", 14, 15]],
    ],
    [
      "new without arguments (CS1526)",
      "@(new X)",
      [["CS1526", "A new expression requires an argument list or (), [], or {} after type", 7, 7]],
    ],
    ["two adjacent strings", '@(f("a="""))', [["CS1026", ") expected", 8, 8]]],
    ["a lexer error is reported too", '@{ var s = "abc\n; return s; }', [["CS1010", "Newline in constant", 11, 15]]],
    [
      "an unexpected character (CS1056)",
      "@(a # b)",
      [
        ["CS1026", ") expected", 3, 3],
        ["CS1056", "Unexpected character '#'", 4, 5],
      ],
    ],
    [
      "a collection element among object initializer members (CS0747)",
      '@(new Dictionary<string, int> { ["a"] = 1, { "b", 2 } })',
      [["CS0747", "Invalid initializer member declarator", 43, 53]],
    ],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    const r = parseExpressionText(text);
    expect(errors(r).map((d) => [d.code, d.message, d.start, d.end])).toEqual(expected);
  });

  it("keeps going after an error: the rest of the block is still read", () => {
    const r = parseExpressionText('@{ var a = (1 + ; var b = "x"; return b; }');
    expect(errors(r).map((d) => d.code)).toEqual(["CS1525"]);
    const block = r.body as Extract<Node, { kind: "Block" }>;
    expect(block.statements.map((s) => s.kind)).toEqual(["LocalDeclaration", "LocalDeclaration", "Return"]);
  });

  it("reports at most one error per position and at most 20 per expression", () => {
    const r = parseExpressionText(`@{ ${") ".repeat(200)} }`);
    expect(r.diagnostics.length).toBe(20);
    expect(new Set(r.diagnostics.map((d) => d.start)).size).toBe(20);
  });

  it("reports deep nesting once, without overflowing the stack", () => {
    const deep = `@(${"(".repeat(10_000)}1${")".repeat(10_000)})`;
    const r = parseExpressionText(deep);
    expect(errors(r).map((d) => [d.code, d.message])).toEqual([["CS8078", "expression nested too deeply"]]);
    const blocks = `@{${"{".repeat(5_000)}${"}".repeat(5_000)}}`;
    expect(errors(parseExpressionText(blocks)).map((d) => d.code)).toEqual(["CS8078"]);
  });

  it("accepts 200 nested parentheses and a long else-if chain", () => {
    expect(parseExpressionText(`@(${"(".repeat(200)}1${")".repeat(200)})`).diagnostics).toEqual([]);
    const chain = `@{ ${Array.from({ length: 1000 }, (_, i) => `if (x == ${i}) return ${i};`).join(" else ")} return -1; }`;
    expect(parseExpressionText(chain).diagnostics).toEqual([]);
  });
});

describe("parser: newer syntax is a warning, read over so that what is inside is still seen", () => {
  const cases: [code: string, tree: string, feature: string, version: number][] = [
    [
      '@(x switch { 1 => "a", int n when n > 2 => "b", _ => "c" })',
      '(unsupported "switch expression" x 1 "a" (> n 2) "b" "c")',
      "a switch expression",
      8,
    ],
    ["@(a ??= b)", "(??= a b)", "the ??= operator", 8],
    ["@(a[^1])", '([] a (unsupported "index from end" 1))', "the index-from-end operator ^", 8],
    ["@(a[1..2])", '([] a (unsupported "range" 1 2))', "a range expression", 8],
    ["@(x is not null)", '(is x (unsupported-pattern "not pattern" null))', "a 'not' pattern", 9],
    ["@(x is > 5)", '(is x (unsupported-pattern "relational pattern" 5))', "a relational pattern", 9],
    [
      '@(x is "a" or "b")',
      '(is x (unsupported-pattern "pattern combinator" "a" "b"))',
      "the 'or' pattern combinator",
      9,
    ],
    ["@(x is { Length: 0 })", '(is x (unsupported-pattern "property pattern" 0))', "a property pattern", 8],
    ["@(a!.b)", '(. (unsupported "null-forgiving" a) b)', "the null-forgiving operator !", 8],
    ["@(new())", "(new target-typed (args))", "a target-typed new()", 9],
    ["@(p with { A = 1 })", '(unsupported "with expression" p 1)', "a with expression", 9],
    ["@(static x => x)", "(lambda (x) x)", "a static lambda", 9],
    ['@("""raw""")', '"""raw"""', "a raw string literal", 11],
    [
      "@{ using var s = new StringWriter(); return 1; }",
      "(block (using (local var (s (new StringWriter (args))))) (return 1))",
      "a using declaration",
      8,
    ],
    ['@(@$"{a}")', "($@ {a})", 'an interpolated verbatim string written @$"..."', 8],
    ['@($"a{b +\n c}")', '($ "a" {(+ b c)})', "a line break inside a hole of a non-verbatim interpolated string", 11],
  ];
  it.each(cases)("%s", (code, expected, feature, version) => {
    const r = parseExpressionText(code);
    expect(sexpr(r.body)).toBe(expected);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["newer-syntax", "warning", `${feature} is C# ${version} syntax; APIM policy expressions are C# 7 (unverified)`],
    ]);
  });
});
