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
    doc: "APIM's extension methods on strings: AsBasic, TryParseBasic, AsJwt and TryParseJwt.",
    kind: "class",
    static: true,
    complete: true,
    source: "doc D-EXPR; toolkit T-EXPR StringExtensions.cs",
    members: [
      {
        sig: "static BasicAuthCredentials AsBasic(this string value)",
        doc: "Parses an HTTP Basic Authentication header value; null if the value is not a valid one.",
      },
      {
        sig: "static bool TryParseBasic(this string value, out BasicAuthCredentials credentials)",
        doc: "Tries to parse an HTTP Basic Authentication header value; returns whether it is a valid one.",
      },
      // The toolkit strips an optional `Bearer ` prefix.
      {
        sig: "static Jwt AsJwt(this string value)",
        doc: "Parses a JSON Web Token; null if the value is not a valid JWT.",
      },
      {
        sig: "static bool TryParseJwt(this string value, out Jwt token)",
        doc: "Tries to parse a JSON Web Token; returns whether the value is a valid JWT.",
      },
    ],
  },
  {
    ns,
    name: "DictionaryExtensions",
    doc: "APIM's extension methods on headers, query parameters, claims, variables and form data.",
    kind: "class",
    static: true,
    complete: true,
    source: "doc D-EXPR; toolkit T-EXPR DictionaryExtensions.cs",
    members: [
      // Headers, Url.Query and Jwt.Claims: the values joined with ',' or the default.
      {
        sig: "static string GetValueOrDefault(this IReadOnlyDictionary<string, string[]> dictionary, string name, string defaultValue)",
        doc: "Returns the comma-separated values of the header, parameter or claim, or defaultValue if not found.",
      },
      {
        sig: "static string GetValueOrDefault(this IReadOnlyDictionary<string, string[]> dictionary, string name)",
        doc: "Returns the comma-separated values of the header, parameter or claim, or null if not found.",
        source: "doc D-set-backend-service; 3P X-SNIP; toolkit T-EXPR DictionaryExtensions.cs",
      },
      // context.Variables: docs say a type mismatch throws; the toolkit returns the default. We follow the docs.
      {
        sig: "static T GetValueOrDefault<T>(this IReadOnlyDictionary<string, object> dictionary, string name, T defaultValue)",
        doc: "Returns the variable's value cast to T, or defaultValue if not found; throws if it is not a T.",
        unverified: "docs: throws when the value is not a T; toolkit: returns the default. We follow the docs",
      },
      {
        sig: "static T GetValueOrDefault<T>(this IReadOnlyDictionary<string, object> dictionary, string name)",
        doc: "Returns the variable's value cast to T, or default(T) if not found (the policy toolkit's overload).",
        source: "toolkit T-EXPR DictionaryExtensions.cs",
        only: "toolkit",
      },
      {
        sig: "static string ToQueryString(this IDictionary<string, IList<string>> dictionary)",
        doc: "Formats the form data as a query string.",
        docVersions: "2026; toolkit",
      },
      {
        sig: "static string ToFormUrlEncodedContent(this IDictionary<string, IList<string>> dictionary)",
        doc: "Formats the form data as a URL-encoded form body.",
        docVersions: "2026; toolkit",
      },
    ],
  },
  {
    ns,
    name: "CryptoExtensions",
    doc: "APIM's extension methods Encrypt, Decrypt and VerifyNoRevocation (the docs name no class).",
    kind: "class",
    static: true,
    complete: true,
    only: "docs",
    source: "doc D-EXPR",
    members: [
      {
        sig: "static byte[] Encrypt(this byte[] input, string alg, byte[] key, byte[] iv)",
        doc: "Encrypts the plaintext with the named symmetric algorithm, the key and the initialization vector.",
      },
      {
        sig: "static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg)",
        doc: "Encrypts the plaintext with the symmetric algorithm.",
      },
      {
        sig: "static byte[] Encrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv)",
        doc: "Encrypts the plaintext with the symmetric algorithm, the key and the initialization vector.",
      },
      {
        sig: "static byte[] Decrypt(this byte[] input, string alg, byte[] key, byte[] iv)",
        doc: "Decrypts the cipher text with the named symmetric algorithm, the key and the initialization vector.",
      },
      {
        sig: "static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg)",
        doc: "Decrypts the cipher text with the symmetric algorithm.",
      },
      {
        sig: "static byte[] Decrypt(this byte[] input, SymmetricAlgorithm alg, byte[] key, byte[] iv)",
        doc: "Decrypts the cipher text with the symmetric algorithm, the key and the initialization vector.",
      },
      {
        sig: "static bool VerifyNoRevocation(this X509Certificate2 input)",
        doc: "Performs an X.509 chain validation without checking the certificate's revocation status.",
      },
    ],
  },
  {
    ns: "System.Collections.Generic",
    name: "CollectionExtensions",
    doc: "Extension methods for generic collections.",
    kind: "class",
    static: true,
    complete: true,
    source: ".NET BCL (.NET Core 2.0+)",
    unverified:
      "MatchedParameters.GetValueOrDefault(name, default) is used in X-SNIP but defined by neither the docs nor the toolkit; we assume the BCL's",
    members: [
      {
        sig: "static TValue GetValueOrDefault<TKey, TValue>(this IReadOnlyDictionary<TKey, TValue> dictionary, TKey key)",
        doc: "Gets the value of the key, or the default of TValue if the dictionary has no such key.",
      },
      {
        sig: "static TValue GetValueOrDefault<TKey, TValue>(this IReadOnlyDictionary<TKey, TValue> dictionary, TKey key, TValue defaultValue)",
        doc: "Gets the value of the key, or defaultValue if the dictionary has no such key.",
      },
      {
        sig: "static bool TryAdd<TKey, TValue>(this IDictionary<TKey, TValue> dictionary, TKey key, TValue value)",
        doc: "Adds the key and value if the key is not there yet; returns whether they were added.",
      },
      {
        sig: "static bool Remove<TKey, TValue>(this IDictionary<TKey, TValue> dictionary, TKey key, out TValue value)",
        doc: "Removes the value of the key and returns it in value; returns whether the key was found.",
      },
      {
        sig: "static IReadOnlyDictionary<TKey, TValue> AsReadOnly<TKey, TValue>(this IDictionary<TKey, TValue> dictionary)",
        doc: "Returns a read-only wrapper of the dictionary.",
      },
      {
        sig: "static void AddRange<T>(this List<T> list, IEnumerable<T> source)",
        doc: "Adds the elements of the source to the end of the list.",
      },
      {
        sig: "static void InsertRange<T>(this List<T> list, int index, IEnumerable<T> source)",
        doc: "Inserts the elements of the source into the list at the index.",
      },
      {
        sig: "static void CopyTo<T>(this List<T> list, T[] destination)",
        doc: "Copies the elements of the list to the destination array.",
      },
    ],
  },
];
