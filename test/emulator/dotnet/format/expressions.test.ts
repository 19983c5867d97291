// Real expression text through the interpreter and the standard registry: the date/time, formatting, text, regex,
// web and crypto types as policies use them. Expected texts as in the per-area tests (learn.microsoft.com examples).
import { describe, expect, it } from "vitest";
import { standardRegistry } from "../../../../src/emulator/dotnet/index.js";
import { NetException, NotEmulated } from "../../../../src/emulator/errors.js";
import { type EvalEnv, evaluate, netToString } from "../../../../src/emulator/interpreter/index.js";
import { parseExpressionText } from "../../../../src/policy/csharp/index.js";

const registry = standardRegistry();
const env: EvalEnv = {
  registry,
  context: null,
  locate: (offset) => ({ file: "policy.xml", line: 1, column: offset + 1 }),
  now: () => Date.UTC(2026, 5, 1, 12, 0, 0, 250),
  namedValue: () => undefined,
};

function show(text: string): string {
  try {
    return netToString(evaluate(parseExpressionText(text), env), env);
  } catch (err) {
    if (err instanceof NetException) return `throws ${err.type}`;
    if (err instanceof NotEmulated) return `not emulated: ${err.construct}`;
    throw err;
  }
}

const rows: [string, string][] = [
  // date and time on the emulated clock
  ['DateTime.UtcNow.ToString("o")', "2026-06-01T12:00:00.2500000Z"],
  ['DateTime.UtcNow.ToString("R")', "Mon, 01 Jun 2026 12:00:00 GMT"],
  ['DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ")', "2026-06-01T12:00:00Z"],
  ['$"{DateTime.UtcNow:yyyyMMdd}"', "20260601"],
  ["DateTime.UtcNow.AddMinutes(90).Hour", "13"],
  ["(DateTime.UtcNow - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Days", "151"],
  ["DateTime.UtcNow > new DateTime(2026, 1, 1)", "True"],
  ["DateTime.UtcNow.DayOfWeek", "Monday"],
  ["DateTime.UtcNow.Kind", "Utc"],
  ['DateTime.Parse("2026-06-01T10:00:00Z").ToString("o")', "2026-06-01T10:00:00.0000000+00:00"],
  ['DateTime.Parse("not a date")', "throws FormatException"],
  ["DateTime.DaysInMonth(2024, 2)", "29"],
  ["DateTimeOffset.UtcNow.ToUnixTimeSeconds()", String(Math.floor(Date.UTC(2026, 5, 1, 12) / 1000))],
  ['DateTimeOffset.FromUnixTimeSeconds(1700000000).ToString("o")', "2023-11-14T22:13:20.0000000+00:00"],
  ["TimeSpan.FromSeconds(90).ToString()", "00:01:30"],
  ['TimeSpan.FromMinutes(125).ToString(@"hh\\:mm")', "02:05"],
  ["(DateTime.UtcNow.AddHours(1) - DateTime.UtcNow).TotalSeconds", "3600"],
  ["TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)", "01:01:00"],
  ['Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E").ToString("N")', "0f8fad5bd9cb469fa16570867728950e"],
  ["Guid.Empty.ToString()", "00000000-0000-0000-0000-000000000000"],
  ["Guid.NewGuid().ToString().Length", "36"],
  // numeric formatting through interpolation and string.Format
  ['$"{3.14159:F2}"', "3.14"],
  ['string.Format("{0,-5:F2}|{1,4}", 1.5, 42)', "1.50 |  42"],
  ['string.Format("{0:N0} {1:P1} {2:X8}", 1234567, 0.256, 255)', "1,234,567 25.6 % 000000FF"],
  ['(1234.5).ToString("#,##0.00")', "1,234.50"],
  ['(42).ToString("D5")', "00042"],
  ['string.Format("{0:Q}", 1)', "throws FormatException"],
  // text
  ['Encoding.UTF8.GetBytes("é").Length', "2"],
  ['Encoding.UTF8.GetString(Encoding.UTF8.GetBytes("héllo"))', "héllo"],
  ['Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass"))', "dXNlcjpwYXNz"],
  ['new StringBuilder("a").Append(1).Append(\'b\').AppendFormat("{0:F1}", 2.75).ToString()', "a1b2.8"],
  // 2.25 is exactly a tie: .NET Core 3.0+ rounds it to even (standard-numeric-format-strings, precision specifier)
  ['$"{2.25:F1} {2.35:F1}"', "2.2 2.4"],
  ['DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture)', "2026-06-01T12:00:00.2500000Z"],
  [
    'DateTime.UtcNow.ToString("D", new CultureInfo("fr-FR"))',
    "not emulated: DateTime.ToString with culture 'fr-FR' (only the invariant culture is emulated)",
  ],
  [
    'DateTime.UtcNow.ToString("D", CultureInfo.GetCultureInfo("fr-FR"))',
    "not emulated: DateTime.ToString with culture 'fr-FR' (only the invariant culture is emulated)",
  ],
  ['DateTime.ParseExact("20260601", "yyyyMMdd", CultureInfo.InvariantCulture).Day', "1"],
  ['DateTime.Parse("2026-06-01T10:00:00Z", null, DateTimeStyles.AdjustToUniversal).Kind', "Utc"],
  // regex
  ['Regex.Match("order-123", @"(?<id>\\d+)").Groups["id"].Value', "123"],
  ['Regex.IsMatch("abc\\n", "^abc$")', "True"],
  ['Regex.Replace("John Smith", @"(\\w+)\\s(\\w+)", "$2, $1")', "Smith, John"],
  ['Regex.Replace("a1b2", @"\\d", m => (int.Parse(m.Value) * 2).ToString())', "a2b4"],
  ['Regex.Split("a,b;c", "[,;]").Length', "3"],
  ['new Regex("^A", RegexOptions.IgnoreCase).IsMatch("abc")', "True"],
  ['Regex.Matches("a1b22", @"\\d+").Count', "2"],
  ['Regex.IsMatch("a", "(?>a)")', 'not emulated: Regex an atomic group (?>...) in pattern "(?>a)"'],
  // web
  ['WebUtility.UrlEncode("a b&c")', "a+b%26c"],
  ['WebUtility.HtmlEncode("<b>")', "&lt;b&gt;"],
  ['new Uri("https://Example.com/a b?x=1").AbsoluteUri', "https://example.com/a%20b?x=1"],
  ['new Uri("https://example.com:8443/p").Port', "8443"],
  ['new Uri("https://example.com/p?q").GetLeftPart(UriPartial.Authority)', "https://example.com"],
  ['Uri.EscapeDataString("a b/c")', "a%20b%2Fc"],
  ['new Uri("nope")', "throws UriFormatException"],
  ['IPAddress.Parse("10.0.0.1").GetAddressBytes()[0]', "10"],
  // crypto
  [
    'BitConverter.ToString(SHA256.Create().ComputeHash(Encoding.UTF8.GetBytes("abc"))).Replace("-", "").ToLower()',
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  ],
  [
    'Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes("Jefe")).ComputeHash(Encoding.UTF8.GetBytes("what do ya want for nothing?")))',
    "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=",
  ],
  // composite formatting over these types: alignment, escapes, bad format strings
  [
    'string.Format("{{{0,12:yyyy-MM-dd}}}|{1,-8:c}|", DateTime.UtcNow, TimeSpan.FromMinutes(5))',
    "{  2026-06-01}|00:05:00|",
  ],
  ['string.Format("{0:N}", Guid.Empty)', "00000000000000000000000000000000"],
  ['string.Format("{0:Q}", Guid.Empty)', "throws FormatException"],
  ['string.Format("{0:B}", Guid.Empty)', "{00000000-0000-0000-0000-000000000000}"],
  ['string.Format("{0", 1)', "throws FormatException"],
  ['$"{DateTime.UtcNow:HH\\:mm}"', "12:00"],
  ['$"{TimeSpan.FromHours(25):g}"', "1:1:00:00"],
  // from the shared corpus (policy snippets)
  [
    'Convert.ToBase64String(new System.Security.Cryptography.HMACSHA256 { Key = Encoding.UTF8.GetBytes("Jefe") }.ComputeHash(Encoding.UTF8.GetBytes("what do ya want for nothing?")))',
    "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=",
  ],
  ["(DateTime.UtcNow - new DateTime(1970, 1, 1)).TotalSeconds", String(Date.UTC(2026, 5, 1, 12, 0, 0, 250) / 1000)],
  ['DateTimeOffset.Now.AddSeconds(300).ToString("R")', "Mon, 01 Jun 2026 12:05:00 GMT"],
  ['DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ")', "2026-06-02T12:00:00Z"],
  ["DateTime.UtcNow.ToString()", "06/01/2026 12:00:00"],
  ['Regex.Match("public, max-age=3600", @"max-age=(?<maxAge>\\d+)").Groups["maxAge"]?.Value', "3600"],
  ['DateTimeOffset.FromUnixTimeMilliseconds(1700000000123).UtcDateTime.ToString("o")', "2023-11-14T22:13:20.1230000Z"],
];

describe("expressions over the date/time, format, text, regex, web and crypto types", () => {
  it.each(rows)("%s", (text, expected) => {
    expect(show(text)).toBe(expected);
  });
});
