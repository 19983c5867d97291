// The checker end to end (text -> parse -> check): each finding with its code, a fragment of its message and its
// exact range; the expressions that must stay silent; the types it infers; the [U] decisions pinned.
import { describe, expect, it } from "vitest";
import type { Node } from "../../../src/policy/csharp/ast.js";
import { type CheckEnvironment, checkExpression } from "../../../src/policy/csharp/checker.js";
import { parseExpressionText } from "../../../src/policy/csharp/index.js";
import {
  BOOL,
  formatType,
  INT,
  K,
  named,
  STRING,
  type TypeRef,
  typeModel,
} from "../../../src/policy/csharp/types/index.js";
import { walk } from "../../../src/policy/csharp/walk.js";

function check(text: string, env?: CheckEnvironment) {
  const parsed = parseExpressionText(text);
  expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { parsed, result: checkExpression(parsed, env) };
}

/** The inferred type of the whole inline expression. */
function typeOfBody(text: string, env?: CheckEnvironment): string {
  const { parsed, result } = check(text, env);
  return formatType(result.typeOf(parsed.body));
}

interface Finding {
  text: string;
  code: string;
  /** A part of the message. */
  message: string;
  /** The exact text the finding covers (its first occurrence, or the `nth`). */
  at: string;
  nth?: number;
  suggestion?: string;
  env?: CheckEnvironment;
}

const jwtVariable: CheckEnvironment = {
  variableType: (name) => (name === "jwt" ? typeModel().typeFromText("Jwt") : undefined),
};
const stringVariable: CheckEnvironment = { variableType: (name) => (name === "n" ? STRING : undefined) };

const FINDINGS: Finding[] = [
  // unknown-member: context, known types, inherited and extension members considered.
  {
    text: "@(context.Request.Header)",
    code: "unknown-member",
    message: "not a member of IRequest",
    at: "Header",
    suggestion: "Headers",
  },
  {
    text: "@(context.Reqest)",
    code: "unknown-member",
    message: "not a member of context",
    at: "Reqest",
    suggestion: "Request",
  },
  { text: "@(context.Request.Url.Quey)", code: "unknown-member", message: "of IUrl", at: "Quey", suggestion: "Query" },
  {
    text: '@("x".Lenght)',
    code: "unknown-member",
    message: "not a member of string",
    at: "Lenght",
    suggestion: "Length",
  },
  {
    text: "@(context.Request.Headers.First().Kee)",
    code: "unknown-member",
    message: "KeyValuePair<string, string[]>",
    at: "Kee",
    suggestion: "Key",
  },
  {
    text: "@(context.Request.Headers.Any(h => h.Valeu.Length > 0))",
    code: "unknown-member",
    message: "'Valeu'",
    at: "Valeu",
    suggestion: "Value",
  },
  {
    text: "@{ foreach (var h in context.Request.Headers) { if (h.Key.Lenght > 0) { return true; } } return false; }",
    code: "unknown-member",
    message: "of string",
    at: "Lenght",
    suggestion: "Length",
  },
  {
    text: '@{ if (context.Request.Headers.TryGetValue("a", out var v)) { return v.Lenght; } return 0; }',
    code: "unknown-member",
    message: "of string[]",
    at: "Lenght",
    suggestion: "Length",
  },
  {
    text: '@(context.Variables["x"] is string s ? s.Lenght : 0)',
    code: "unknown-member",
    message: "of string",
    at: "Lenght",
  },
  {
    text: '@((context.Variables["x"] as JObject).Propertie("a"))',
    code: "unknown-member",
    message: "of JObject",
    at: "Propertie",
    suggestion: "Properties",
  },
  {
    text: '@(context.Request.Body?.As<JObject>()?.Proprety("a"))',
    code: "unknown-member",
    message: "of JObject",
    at: "Proprety",
    suggestion: "Property",
  },
  {
    text: '@(context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt()?.Claim)',
    code: "unknown-member",
    message: "of Jwt",
    at: "Claim",
    suggestion: "Claims",
  },
  {
    text: '@(context.Deployment.Certificates.First(c => c.Kee == "x"))',
    code: "unknown-member",
    message: "of KeyValuePair<string, X509Certificate2>",
    at: "Kee",
    suggestion: "Key",
  },
  {
    text: '@(context.Variables["x"].ToString().Lenght)',
    code: "unknown-member",
    message: "of string",
    at: "Lenght",
  },
  {
    text: '@(Regex.Match("a", "b").Groups["x"].Valu)',
    code: "unknown-member",
    message: "of Group",
    at: "Valu",
    suggestion: "Value",
  },
  {
    text: "@(StringComparison.OrdinalIgnoreCas)",
    code: "unknown-member",
    message: "of StringComparison",
    at: "OrdinalIgnoreCas",
    suggestion: "OrdinalIgnoreCase",
  },
  {
    text: "@(new StringBuilder { Lenght = 3 })",
    code: "unknown-member",
    message: "of StringBuilder",
    at: "Lenght",
    suggestion: "Length",
  },
  // Inside the statements policies hardly use, members are checked all the same.
  {
    text: '@{ lock ("k") { goto end; } end: return context.Reqest.Url; }',
    code: "unknown-member",
    message: "not a member of context",
    at: "Reqest",
  },
  // The finding covers the name as written, however it is spelt.
  {
    text: "@(new StringBuilder { @Lenght = 3 })",
    code: "unknown-member",
    message: "'Lenght' is not a member of StringBuilder",
    at: "@Lenght",
    suggestion: "Length",
  },
  {
    text: "@(new StringBuilder { Lenght\\u0073 = 3 })",
    code: "unknown-member",
    message: "'Lenghts' is not a member of StringBuilder",
    at: "Lenght\\u0073",
  },
  {
    text: "@(context.\\u0052eqest)",
    code: "unknown-member",
    message: "'Reqest' is not a member of context",
    at: "\\u0052eqest",
    suggestion: "Request",
  },
  {
    text: '@(context.Request.MatchedParameters("id"))',
    code: "unknown-member",
    message: "is a property of IRequest",
    at: "MatchedParameters",
  },
  // unknown-name: only when certain (a typo of a local or of `context`, or a lower-case name).
  {
    text: "@(Contxt.Request)",
    code: "unknown-name",
    message: "'Contxt' does not exist",
    at: "Contxt",
    suggestion: "context",
  },
  {
    text: "@(contxt.Request.Method)",
    code: "unknown-name",
    message: "does not exist",
    at: "contxt",
    suggestion: "context",
  },
  {
    text: '@{ var token = "a"; return tokn.Length; }',
    code: "unknown-name",
    message: "'tokn'",
    at: "tokn",
    suggestion: "token",
  },
  { text: "@(foo + 1)", code: "unknown-name", message: "'foo' does not exist here", at: "foo" },
  // type-not-allowed: by name, creation, cast, typeof, generic argument, declaration, static access.
  {
    text: '@(System.IO.File.ReadAllText("a"))',
    code: "type-not-allowed",
    message: "System.IO.File is not allowed",
    at: "System.IO.File",
  },
  { text: "@(new HttpClient())", code: "type-not-allowed", message: "System.Net.Http.HttpClient", at: "HttpClient" },
  {
    text: "@{ T F<T>(T t) where T : HttpClient => t; return 1; }",
    code: "type-not-allowed",
    message: "System.Net.Http.HttpClient",
    at: "HttpClient",
  },
  {
    text: '@(Environment.GetEnvironmentVariable("x"))',
    code: "type-not-allowed",
    message: "System.Environment is not allowed",
    at: "Environment",
  },
  { text: "@(typeof(File).Name)", code: "type-not-allowed", message: "System.IO.File", at: "File" },
  { text: "@(new List<HttpClient>())", code: "type-not-allowed", message: "HttpClient", at: "HttpClient" },
  { text: "@(context.Request.Body.As<Process>())", code: "type-not-allowed", message: "Process", at: "Process" },
  {
    text: '@((Process)context.Variables["p"])',
    code: "type-not-allowed",
    message: "System.Diagnostics.Process",
    at: "Process",
  },
  {
    text: "@{ XmlDocument d = null; return d; }",
    code: "type-not-allowed",
    message: "System.Xml.XmlDocument",
    at: "XmlDocument",
  },
  { text: '@(Type.GetType("System.IO.File"))', code: "type-not-allowed", message: "System.Type", at: "Type" },
  // member-not-allowed: outside a restricted type's allowed members (by the type that declares the member).
  { text: '@(XDocument.Load("x"))', code: "member-not-allowed", message: "XDocument.Load is not allowed", at: "Load" },
  {
    text: '@(DateTime.TryParse("x", out var d))',
    code: "member-not-allowed",
    message: "DateTime.TryParse is not allowed",
    at: "TryParse",
  },
  {
    text: "@(DateTime.Now.ToUniversalTime())",
    code: "member-not-allowed",
    message: "DateTime.ToUniversalTime",
    at: "ToUniversalTime",
  },
  { text: "@(DateTime.Now.Kind)", code: "member-not-allowed", message: "DateTime.Kind", at: "Kind" },
  { text: '@(Regex.Escape("x"))', code: "member-not-allowed", message: "Regex.Escape", at: "Escape" },
  {
    text: '@(JsonConvert.PopulateObject("{}", new JObject()))',
    code: "member-not-allowed",
    message: "JsonConvert.PopulateObject",
    at: "PopulateObject",
  },
  { text: "@(DateTimeKind.Local)", code: "member-not-allowed", message: "DateTimeKind.Local", at: "Local" },
  {
    text: "@(new IPAddress(new byte[4]))",
    code: "member-not-allowed",
    message: "IPAddress constructor",
    at: "IPAddress",
  },
  {
    text: "@(SymmetricAlgorithm.Create())",
    code: "member-not-allowed",
    message: "SymmetricAlgorithm.Create is not allowed",
    at: "Create",
  },
  { text: "@(Match.Empty.NextMatch())", code: "member-not-allowed", message: "Match.NextMatch", at: "NextMatch" },
  { text: '@(Regex.Match("a", "b").Groups["x"].Name)', code: "member-not-allowed", message: "Group.Name", at: "Name" },
  // type-mismatch: certain cases only.
  { text: '@((int)"x")', code: "type-mismatch", message: "Cannot convert type 'string' to 'int'", at: '(int)"x"' },
  { text: '@{ string s = "a"; return (int)s; }', code: "type-mismatch", message: "'string' to 'int'", at: "(int)s" },
  { text: "@((bool)1)", code: "type-mismatch", message: "'int' to 'bool'", at: "(bool)1" },
  {
    text: "@((int?)context.Request.Method)",
    code: "type-mismatch",
    message: "'string' to 'int?'",
    at: "(int?)context.Request.Method",
  },
  {
    text: "@(context.Request.Method)",
    code: "type-mismatch",
    message: "The expression is string, but bool is needed",
    at: "context.Request.Method",
    env: { expectedType: BOOL },
  },
  {
    text: '@("5")',
    code: "type-mismatch",
    message: "string, but int is needed",
    at: '"5"',
    env: { expectedType: INT },
  },
  {
    text: '@{ if (context.Request.Method == "GET") { return 1; } return "x"; }',
    code: "type-mismatch",
    message: "The returned value is string, but int is needed",
    at: '"x"',
    env: { expectedType: INT },
  },
  {
    text: "@{ if (context.Request.Method) { return 1; } return 2; }",
    code: "type-mismatch",
    message: "The condition is string, not bool",
    at: "context.Request.Method",
  },
  {
    text: '@{ int n = "a"; return n; }',
    code: "type-mismatch",
    message: "The value is string, but int is needed",
    at: '"a"',
  },
  {
    text: '@(DateTime.UtcNow.AddSeconds("5"))',
    code: "type-mismatch",
    message: "Argument 1 is string, but AddSeconds takes double",
    at: '"5"',
  },
  {
    text: '@((int)context.Variables["n"])',
    code: "type-mismatch",
    message: "holds a string: the cast to 'int' always fails",
    at: '(int)context.Variables["n"]',
    env: stringVariable,
  },
  {
    text: '@(context.Variables.GetValueOrDefault<int>("n", 0))',
    code: "type-mismatch",
    message: "holds a string: GetValueOrDefault<int> throws",
    at: 'context.Variables.GetValueOrDefault<int>("n", 0)',
    env: stringVariable,
  },
  {
    text: '@((string)context.Variables["jwt"])',
    code: "type-mismatch",
    message: "holds a Jwt",
    at: '(string)context.Variables["jwt"]',
    env: jwtVariable,
  },
];

describe("checker findings", () => {
  it.each(FINDINGS.map((f) => [f.text, f] as const))("%s", (_, f) => {
    const { result } = check(f.text, f.env);
    let start = -1;
    for (let i = 0; i <= (f.nth ?? 0); i++) start = f.text.indexOf(f.at, start + 1);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(result.diagnostics).toHaveLength(1);
    const d = result.diagnostics[0]!;
    expect(d.code).toBe(f.code);
    expect(d.message).toContain(f.message);
    expect([d.start, d.end]).toEqual([start, start + f.at.length]);
    if (f.suggestion !== undefined) expect(d.suggestion).toBe(f.suggestion);
  });
});

/** Real, valid expressions (and unknowable ones): no finding, ever. */
const SILENT: { text: string; env?: CheckEnvironment }[] = [
  // A generic local function: its type parameters are types the model does not know.
  { text: "@{ T Id<T>(T t) => t; return Id(1).ToString(); }" },
  // lock, goto and labels, an iterator: read and checked like any statement, nothing claimed of them.
  { text: '@{ var n = 0; lock ("k") { n++; } goto end; end: return n; }' },
  { text: "@{ IEnumerable<int> G() { yield return 1; yield break; } return G().Count(); }" },
  // Deconstruction (C# 7): the names it declares exist, nested and in a foreach; what `var` gets is not modelled.
  { text: "@{ var (a, (b, c)) = (1, (2, 3)); return a + b + c; }" },
  { text: "@{ var n = 0; foreach (var (k, v) in new[] { (1, 2) }) { n += k + v; } return n; }" },
  // Unknown types, object, dynamic, untyped variables, and everything after them.
  { text: '@(context.Variables["x"].Foo)' },
  // X509Certificate2's member list is partial in the model: a typo there is not certain.
  { text: '@(context.Deployment.Certificates.First(c => c.Value.Thumbprnt == "x"))' },
  { text: "@{ object o = context.Request; return o.Foo; }" },
  { text: '@(context.NamedValue("x").Foo.Bar)' },
  { text: "@(new Foo().Bar)" },
  { text: "@(Foo.Bar.Baz)" },
  { text: '@(((Foo)context.Variables["x"]).Bar)' },
  { text: '@((int)context.Variables["n"])' },
  { text: '@(Regx.Match("a", "b"))' },
  { text: "@(System.Foo.Bar)" },
  { text: "@({{some-value}}.Length)" },
  // The examples of the docs and the snippets.
  { text: '@(((JObject)context.Variables["x"])["a"].Value<string>())' },
  { text: '@(context.Request.Headers.GetValueOrDefault("Authorization","").AsJwt()?.Claims["aud"])' },
  { text: '@(context.Request.Headers.GetValueOrDefault("Authorization")?.Split(\' \')?[1].AsJwt()?.Claims["aud"])' },
  {
    text: '@(Regex.Match(context.Response.Headers.GetValueOrDefault("Cache-Control",""), @"max-age=(?<maxAge>\\d+)").Groups["maxAge"]?.Value)',
  },
  { text: '@(context.Variables.ContainsKey("maxAge") ? int.Parse((string)context.Variables["maxAge"]) : 3600)' },
  {
    text: '@{ string[] value; if (context.Request.Headers.TryGetValue("Authorization", out value)) { if (value != null && value.Length > 0) { return Encoding.UTF8.GetString(Convert.FromBase64String(value[0])); } } return null; }',
  },
  { text: '@(context.Deployment.Certificates.Any(c => c.Value.Thumbprint == "x"))' },
  { text: '@(new JObject(new JProperty("a", 1), new JProperty("b", "c")).ToString())' },
  { text: '@(context.Request.Body.As<JObject>(preserveContent: true).SelectToken("$.a").Value<string>())' },
  { text: "@(context.Request.Body.As<JObject>().Properties().Select(p => p.Name).ToArray())" },
  { text: '@(context.Request.Headers.Where(h => h.Key.StartsWith("x")).Select(h => h.Value.Length).Sum())' },
  { text: '@(from h in context.Request.Headers where h.Key.StartsWith("a") select h.Value)' },
  { text: "@(context.Request.Url.Path + context.Request.Url.QueryString)" },
  { text: '@(String.Format("{0} | {1}", context.Api.Name, context.Variables["correlation-id"]))' },
  { text: "@(DateTime.Now.Equals(DateTime.UtcNow) && DateTime.Now.GetHashCode() > 0)" },
  { text: '@(Regex.Match("a", "b").Success && Regex.Match("a", "b").Value.Length > 0)' },
  { text: '@(SymmetricAlgorithm.Create("AES"))' },
  { text: '@(Encoding.UTF8.GetBytes("x").Encrypt("Aes", new byte[16], new byte[16]))' },
  { text: "@(context.Request.Certificate.VerifyNoRevocation())" },
  { text: "@(context.Request.Body.AsFormUrlEncodedContent(true).ToQueryString())" },
  { text: '@(context.Request.Headers.GetValueOrDefault("Authorization", "").AsBasic().UserId)' },
  {
    text: '@(context.Request.Headers.GetValueOrDefault("Authorization", "").TryParseBasic(out var creds) ? creds.Password : "")',
  },
  { text: "@{ const uint lifetime = 60 * 20; return lifetime; }" },
  { text: "@(nameof(context))" },
  { text: "@{ try { return 1; } catch (Exception ex) { return ex.Message.Length; } }" },
  { text: '@{ var list = new List<string> { "a" }; list.Add("b"); list.Reverse(); return list.Count; }' },
  { text: '@{ var d = new Dictionary<string, int>(); d["a"] = 1; return d.TryGetValue("a", out var v) ? v : 0; }' },
  { text: '@(XDocument.Parse("<a/>").Root.Element("b").Value)' },
  { text: '@((XNamespace.Get("urn:x") + "a").LocalName)' },
  { text: "@(JsonConvert.SerializeObject(new { a = 1 }, Formatting.Indented))" },
  { text: '@(context.Request.Headers.GetValueOrDefault("x")?.Length.ToString())' },
  { text: "@(context.Request.Certificate?.NotAfter > DateTime.UtcNow)" },
  { text: '@(Guid.NewGuid().ToString("N").Substring(0, 8).ToUpperInvariant())' },
  { text: '@((int)context.Request.Body.As<JObject>()["a"])' },
  { text: "@{ object o = 1; return (int)o; }" },
  { text: "@((long)1 + (double)2 + (char)65)" },
  { text: '@(context.Request.MatchedParameters.GetValueOrDefault("id", ""))' },
  { text: '@(context.Trace("x"))' },
  { text: '@((string)context.Variables["jwt"] ?? "")', env: stringVariable },
  { text: '@(context.Variables.GetValueOrDefault<string>("n", ""))', env: stringVariable },
  { text: '@(context.Variables.GetValueOrDefault<object>("n"))', env: stringVariable },
  { text: '@(((Jwt)context.Variables["jwt"]).Claims["aud"])', env: jwtVariable },
  { text: '@(context.Request.Method == "GET")', env: { expectedType: BOOL } },
  { text: '@(context.Variables["x"])', env: { expectedType: BOOL } },
  { text: "@(60 * 20)", env: { expectedType: named(K.uint) } },
];

describe("checker silence", () => {
  it.each(SILENT.map((s) => [s.text, s] as const))("%s", (_, s) => {
    expect(check(s.text, s.env).result.diagnostics).toEqual([]);
  });
});

describe("checker types", () => {
  it.each([
    ['@(context.Request.Headers.GetValueOrDefault("a", ""))', "string"],
    ['@(context.Request.Headers.GetValueOrDefault("a"))', "string"],
    ['@(context.Request.Headers["a"])', "string[]"],
    ['@(context.Variables.GetValueOrDefault<string>("x"))', "string"],
    ['@(context.Variables.GetValueOrDefault<int>("x", 0))', "int"],
    ['@(context.Variables.GetValueOrDefault("x", "d"))', "string"],
    ['@(context.Variables.GetValueOrDefault("x"))', "object"],
    ['@(context.Variables["x"])', "object"],
    ['@(context.Request.MatchedParameters.GetValueOrDefault("id", ""))', "string"],
    ["@(context.Request.Body.As<JObject>())", "JObject"],
    ['@(context.Request.Body.As<JObject>()["a"])', "JToken"],
    ['@(context.Request.Headers.GetValueOrDefault("a", "").AsJwt())', "Jwt"],
    ['@(context.Request.Headers.GetValueOrDefault("a", "").AsJwt()?.ExpirationTime)', "DateTime?"],
    ["@(context.Request.Body?.As<string>()?.Length)", "int?"],
    ["@(context.Request.Url.Port + 1)", "int"],
    ["@(context.Elapsed.TotalSeconds)", "double"],
    ["@(context.RequestId)", "Guid"],
    ["@(context.Product.SubscriptionLimit)", "int?"],
    ["@(context.Product.SubscriptionsLimit)", "int?"],
    ['@(context.Deployment.Certificates.First(c => c.Value.Thumbprint == "x").Key)', "string"],
    ["@(context.Request.Headers.Select(h => h.Key).ToList())", "List<string>"],
    ["@(context.Request.Headers.Where(h => h.Value.Length > 1).Select(h => h.Value.Length).Sum())", "int"],
    ['@(context.Request.Body.As<JArray>().Select(t => (string)t["id"]).FirstOrDefault())', "string"],
    ["@(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value[0]))", "Dictionary<string, string>"],
    ["@(context.User.Groups.Select(g => g.Name).Aggregate((a, b) => a + b))", "string"],
    ["@(from h in context.Request.Headers select h.Key)", "IEnumerable<string>"],
    ['@((string)context.Variables["x"] ?? "")', "string"],
    ['@("a" + 1)', "string"],
    ['@(int.Parse("5") + 1L)', "long"],
    ["@(1 + 2.0)", "double"],
    ["@(DateTime.UtcNow - DateTime.UtcNow)", "TimeSpan"],
    ["@(DateTime.UtcNow + TimeSpan.FromSeconds(5))", "DateTime"],
    ["@(Math.Max(1, 2.0))", "double"],
    ['@(Tuple.Create(1, "a").Item2)', "string"],
    ['@(true ? null : "a")', "string"],
    ['@(new[] { "a", "b" })', "string[]"],
    ["@(\"a,b\".Split(','))", "string[]"],
    ['@(string.Join(",", context.Request.Headers.Keys))', "string"],
    ['@(Regex.Match("a", "b").Groups["x"]?.Value)', "string"],
    ["@(context.Request.Headers.Count > 0)", "bool"],
    ['@(Convert.ToBase64String(Encoding.UTF8.GetBytes("x")))', "string"],
    ["@(context.LastError.HttpErrorCode)", "int"],
    ["@(sizeof(long))", "int"],
  ])("%s is %s", (text, type) => {
    expect(typeOfBody(text)).toBe(type);
  });

  it("resolves the same call with a lambda again for each body type (the resolutions kept per body type)", () => {
    const select = (body: string) => `@(context.Request.Headers.Select(h => ${body}).ToList())`;
    expect(typeOfBody(select("h.Key"))).toBe("List<string>");
    expect(typeOfBody(select("h.Value.Length"))).toBe("List<int>");
    expect(typeOfBody(select("h.Key"))).toBe("List<string>");
    expect(typeOfBody(select("h.Nope"))).toBe("?");
    expect(typeOfBody("@(context.Request.Headers.Select((h, i) => i).ToList())")).toBe("List<int>");
  });

  it.each([
    ['@{ (int a, string b) = (1, "x"); return b; }', "string"],
    ['@{ var n = 0; foreach ((int k, string v) in new[] { (1, "x") }) { return v; } return ""; }', "string"],
    ['@{ foreach ((int k, string v) in new[] { (1, "x") }) { return k; } return 0; }', "int"],
    ['@{ var a = new[] { "x" }; ref string r = ref a[0]; return r; }', "string"],
  ])("types the names a deconstruction or a ref local declares: %s", (text, type) => {
    const { parsed, result } = check(text);
    let returned: Node | undefined;
    walk(parsed.body, (n) => {
      if (n.kind === "Return" && n.argument && returned === undefined) returned = n.argument;
    });
    expect(formatType(result.typeOf(returned as never))).toBe(type);
  });

  it("types locals from their initializer, foreach variables, lambda parameters and out variables", () => {
    const text =
      '@{ var n = 1; foreach (var h in context.Request.Headers) { var k = h.Key; } context.Request.Headers.TryGetValue("a", out var v); return context.User.Groups.Any(g => g.Id == "x"); }';
    const { parsed, result } = check(text);
    const types = new Map<string, string>();
    const visit = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) {
        for (const x of node) visit(x);
        return;
      }
      const n = node as { kind?: string; name?: string };
      if ((n.kind === "Identifier" || n.kind === "Parameter" || n.kind === "DeclarationExpression") && n.name) {
        const t = result.typeOf(node as never);
        if (t) types.set(n.name, formatType(t));
      }
      for (const v of Object.values(node)) if (v && typeof v === "object") visit(v);
    };
    visit(parsed.body);
    expect(types.get("h")).toBe("KeyValuePair<string, string[]>");
    expect(types.get("g")).toBe("IGroup");
    expect(types.get("v")).toBe("string[]");
  });
});

describe("checker symbols and [U] decisions", () => {
  function symbolAt(text: string, at: string) {
    const { parsed, result } = check(text);
    let found: ReturnType<typeof result.symbolOf>;
    const start = text.indexOf(at);
    const visit = (node: unknown): void => {
      if (!node || typeof node !== "object" || found) return;
      if (Array.isArray(node)) {
        for (const x of node) visit(x);
        return;
      }
      const n = node as { kind?: string; nameStart?: number; start?: number };
      if (n.kind === "MemberAccess" && n.nameStart === start) found = result.symbolOf(node as never);
      for (const v of Object.values(node)) if (v && typeof v === "object") visit(v);
    };
    visit(parsed.body);
    return found;
  }

  it("resolves a member with its source (hover)", () => {
    const s = symbolAt("@(context.Request.Url)", "Url");
    expect(s?.kind).toBe("member");
    if (s?.kind === "member") {
      expect(s.member.declaringType.name).toBe("IRequest");
      expect(s.member.source).toContain("D-EXPR");
    }
  });

  it("[U] LastError.HttpErrorCode is toolkit-only: kept (no finding), flagged", () => {
    const s = symbolAt("@(context.LastError.HttpErrorCode)", "HttpErrorCode");
    expect(s?.kind === "member" && s.member.only).toBe("toolkit");
  });

  it("[U] BasicAuthCredentials: UserId per the docs, Username toolkit-only; both kept", () => {
    const base = '@(context.Request.Headers.GetValueOrDefault("Authorization", "").AsBasic().';
    const user = symbolAt(`${base}UserId)`, "UserId");
    const name = symbolAt(`${base}Username)`, "Username");
    expect(user?.kind === "member" && user.member.only).toBe("docs");
    expect(name?.kind === "member" && name.member.only).toBe("toolkit");
    expect(check(`${base}UserName)`).result.diagnostics[0]?.suggestion).toMatch(/^User(Id|name)$/);
  });

  it("[U] IUrl.Port is int (docs), not string (toolkit)", () => {
    expect(typeOfBody("@(context.Request.Url.Port)")).toBe("int");
    expect(check("@((string)context.Request.Url.Port)").result.diagnostics.map((d) => d.code)).toEqual([
      "type-mismatch",
    ]);
  });

  it("[U] Product.SubscriptionLimit (2022, toolkit) and SubscriptionsLimit (2026) both exist", () => {
    const a = symbolAt("@(context.Product.SubscriptionLimit)", "SubscriptionLimit");
    const b = symbolAt("@(context.Product.SubscriptionsLimit)", "SubscriptionsLimit");
    expect(a?.kind === "member" && a.member.docVersions).toContain("2022");
    expect(b?.kind === "member" && b.member.docVersions).toContain("2026");
  });

  it("[U] context.NamedValue is toolkit-only and dynamic: nothing after it is checked", () => {
    const s = symbolAt('@(context.NamedValue("x"))', "NamedValue");
    expect(s?.kind === "member" && s.member.only).toBe("toolkit");
    expect(typeOfBody('@(context.NamedValue("x"))')).toBe("?");
  });

  it("[U] Group.Value is allowed: the restriction applies to the declaring type (Capture)", () => {
    expect(check('@(Regex.Match("a", "b").Groups[1].Value)').result.diagnostics).toEqual([]);
    const s = symbolAt('@(Regex.Match("a", "b").Groups[1].Value)', "Value");
    expect(s?.kind === "member" && s.member.declaringType.name).toBe("Capture");
  });

  it("[U] MatchedParameters.GetValueOrDefault resolves to the BCL's CollectionExtensions", () => {
    const s = symbolAt('@(context.Request.MatchedParameters.GetValueOrDefault("id", ""))', "GetValueOrDefault");
    expect(s?.kind === "member" && s.member.declaringType.name).toBe("CollectionExtensions");
    expect(s?.kind === "member" && s.member.unverified === undefined).toBe(true);
    expect(s?.kind === "member" && s.member.declaringType.unverified).toMatch(/X-SNIP/);
  });

  it("[U] Variables.GetValueOrDefault<T> with a known variable of another type: docs say it throws", () => {
    const s = symbolAt('@(context.Variables.GetValueOrDefault<int>("n", 0))', "GetValueOrDefault");
    expect(s?.kind === "member" && s.member.unverified).toMatch(/follow the docs/);
  });

  it("System.Object is allowed (toolkit T-ANA): its members on everything, never reported", () => {
    expect(check("@(((object)context.Request).GetType())").result.diagnostics).toEqual([]);
  });

  it("a capitalised unknown name without a close local is silent (it could be a real type outside the model)", () => {
    expect(check("@(Stopwatch.StartNew())").result.diagnostics).toEqual([]);
  });

  it("never throws and stays linear on a long concatenation", () => {
    const text = `@(${Array.from({ length: 5000 }, (_, i) => `"a${i}"`).join(" + ")})`;
    const { parsed, result } = check(text);
    expect(formatType(result.typeOf(parsed.body))).toBe("string");
  });

  it("checks a lambda body once even when overloads differ", () => {
    const { result } = check("@(context.Request.Headers.Sum(h => h.Valeu.Length))");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["unknown-member"]);
  });

  it("expected types: bool for a condition, any numeric for an int constant", () => {
    const env = (t: TypeRef): CheckEnvironment => ({ expectedType: t });
    expect(check("@(1)", env(named(K.long))).result.diagnostics).toEqual([]);
    expect(check("@(1.5)", env(INT)).result.diagnostics.map((d) => d.code)).toEqual(["type-mismatch"]);
    expect(check("@(context.Request.Headers.Count)", env(STRING)).result.diagnostics.map((d) => d.code)).toEqual([
      "type-mismatch",
    ]);
  });

  it("a mismatch of the expression's own value says so (result, actual, expected); a nested one does not", () => {
    const env: CheckEnvironment = { expectedType: BOOL };
    const [top] = check("@(context.Request.Method)", env).result.diagnostics;
    expect(top).toMatchObject({ result: true, actual: STRING, expected: BOOL });
    const block = check('@{ if (context.Request.Method == "GET") { return 1; } return true; }', env).result;
    expect(block.diagnostics.map((d) => [d.code, d.result, formatType(d.actual)])).toEqual([
      ["type-mismatch", true, "int"],
    ]);
    // A local function's return is checked against its own type, not the expression's.
    const nested = check('@{ string F() { return 1; } return F() == "a"; }', env).result;
    expect(nested.diagnostics.map((d) => [d.code, d.result])).toEqual([["type-mismatch", undefined]]);
  });

  it("a mismatch that rests on a variable's stored type names the variable", () => {
    const casts = check('@((string)context.Variables["jwt"])', jwtVariable).result.diagnostics;
    expect(casts.map((d) => [d.code, d.variable, formatType(d.actual), formatType(d.expected)])).toEqual([
      ["type-mismatch", "jwt", "Jwt", "string"],
    ]);
    const reads = check('@(context.Variables.GetValueOrDefault<string>("jwt"))', jwtVariable).result.diagnostics;
    expect(reads.map((d) => [d.code, d.variable, d.unverified])).toEqual([["type-mismatch", "jwt", true]]);
    expect(casts[0]!.unverified).toBeUndefined();
  });

  it("resultType: the inline expression's type, or the one type of every top-level return", () => {
    expect(formatType(check('@(context.Request.Headers.GetValueOrDefault("a", ""))').result.resultType)).toBe("string");
    expect(formatType(check("@{ if (context.Request.HasBody) { return 1; } return 2; }").result.resultType)).toBe(
      "int",
    );
    expect(check('@{ if (context.Request.HasBody) { return 1; } return "x"; }').result.resultType).toBeUndefined();
    expect(check('@(context.Variables["x"])').result.resultType).toEqual(named(K.object));
    expect(check("@(foo.Bar)").result.resultType).toBeUndefined();
  });
});
