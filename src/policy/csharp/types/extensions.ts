// APIM's extension methods (runtime reference §3 "Extension methods") and the BCL's CollectionExtensions, which
// the snippets use on MatchedParameters. The docs do not name the static classes; StringExtensions and
// DictionaryExtensions are the toolkit's names, CryptoExtensions (Encrypt/Decrypt/VerifyNoRevocation, which the
// toolkit lacks) is ours.
import { CONTEXT_NAMESPACE } from "./context.js";
import type { TypeData } from "./model.js";

const ns = CONTEXT_NAMESPACE;

export const EXTENSION_TYPES: readonly TypeData[] = [
  {
    ns,
    name: "StringExtensions",
    kind: "class",
    static: true,
    complete: true,
    source: "doc D-EXPR; toolkit T-EXPR StringExtensions.cs",
    members: [
      // A valid Basic header value gives the credentials, anything else null/false.
      "static BasicAuthCredentials AsBasic(this string value)",
      "static bool TryParseBasic(this string value, out BasicAuthCredentials credentials)",
      // A valid JWT (an optional `Bearer ` prefix is stripped by the toolkit) gives the token, else null/false.
      "static Jwt AsJwt(this string value)",
      "static bool TryParseJwt(this string value, out Jwt token)",
    ],
  },
  {
    ns,
    name: "DictionaryExtensions",
    kind: "class",
    static: true,
    complete: true,
    source: "doc D-EXPR; toolkit T-EXPR DictionaryExtensions.cs",
    members: [
      // Headers, Url.Query and Jwt.Claims: the values joined with ',' or the default.
      "static string GetValueOrDefault(this IReadOnlyDictionary<string, string[]> dictionary, string name, string defaultValue)",
      {
        sig: "static string GetValueOrDefault(this IReadOnlyDictionary<string, string[]> dictionary, string name)",
        source: "doc D-set-backend-service; 3P X-SNIP; toolkit T-EXPR DictionaryExtensions.cs",
      },
      // context.Variables: docs say a type mismatch throws; the toolkit returns the default. We follow the docs.
      {
        sig: "static T GetValueOrDefault<T>(this IReadOnlyDictionary<string, object> dictionary, string name, T defaultValue)",
        unverified: "docs: throws when the value is not a T; toolkit: returns the default. We follow the docs",
      },
      {
        sig: "static T GetValueOrDefault<T>(this IReadOnlyDictionary<string, object> dictionary, string name)",
        source: "toolkit T-EXPR DictionaryExtensions.cs",
        only: "toolkit",
      },
      {
        sig: "static string ToQueryString(this IDictionary<string, IList<string>> dictionary)",
        docVersions: "2026; toolkit",
      },
      {
        sig: "static string ToFormUrlEncodedContent(this IDictionary<string, IList<string>> dictionary)",
        docVersions: "2026; toolkit",
      },
    ],
  },
  {
    ns,
    name: "CryptoExtensions",
    kind: "class",
    static: true,
    complete: true,
    only: "docs",
    source: "doc D-EXPR",
    members: [
      "static byte[] Encrypt(this byte[] input, string alg, byte[] key, byte[] iv)",
      "static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg)",
      "static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv)",
      "static byte[] Decrypt(this byte[] input, string alg, byte[] key, byte[] iv)",
      "static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg)",
      "static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv)",
      // Chain validation without the revocation check.
      "static bool VerifyNoRevocation(this X509Certificate2 input)",
    ],
  },
  {
    ns: "System.Collections.Generic",
    name: "CollectionExtensions",
    kind: "class",
    static: true,
    complete: true,
    source: ".NET BCL (.NET Core 2.0+)",
    unverified:
      "MatchedParameters.GetValueOrDefault(name, default) is used in X-SNIP but defined by neither the docs nor the toolkit; we assume the BCL's",
    members: [
      "static TValue GetValueOrDefault<TKey, TValue>(this IReadOnlyDictionary<TKey, TValue> dictionary, TKey key)",
      "static TValue GetValueOrDefault<TKey, TValue>(this IReadOnlyDictionary<TKey, TValue> dictionary, TKey key, TValue defaultValue)",
      "static bool TryAdd<TKey, TValue>(this IDictionary<TKey, TValue> dictionary, TKey key, TValue value)",
      "static bool Remove<TKey, TValue>(this IDictionary<TKey, TValue> dictionary, TKey key, out TValue value)",
      "static IReadOnlyDictionary<TKey, TValue> AsReadOnly<TKey, TValue>(this IDictionary<TKey, TValue> dictionary)",
      "static void AddRange<T>(this List<T> list, IEnumerable<T> source)",
      "static void InsertRange<T>(this List<T> list, int index, IEnumerable<T> source)",
      "static void CopyTo<T>(this List<T> list, T[] destination)",
    ],
  },
];
