// System.Text.RegularExpressions. All six classes are member-restricted in APIM (allow-list.ts); every public name
// is listed so that a forbidden member is known to exist (member-not-allowed rather than unknown-member).
import type { MemberEntry, TypeData } from "./model.js";

const BCL = ".NET BCL";
const ns = "System.Text.RegularExpressions";

const STATIC_AND_INSTANCE: MemberEntry[] = [
  {
    sig: "bool IsMatch(string input)",
    doc: "Indicates whether the regular expression finds a match in the input string.",
  },
  "bool IsMatch(string input, int startat)",
  "static bool IsMatch(string input, string pattern)",
  "static bool IsMatch(string input, string pattern, RegexOptions options)",
  "static bool IsMatch(string input, string pattern, RegexOptions options, TimeSpan matchTimeout)",
  {
    sig: "Match Match(string input)",
    doc: "Searches an input string for the first occurrence of a regular expression.",
  },
  "Match Match(string input, int startat)",
  "Match Match(string input, int beginning, int length)",
  "static Match Match(string input, string pattern)",
  "static Match Match(string input, string pattern, RegexOptions options)",
  "static Match Match(string input, string pattern, RegexOptions options, TimeSpan matchTimeout)",
  {
    sig: "MatchCollection Matches(string input)",
    doc: "Searches an input string for all occurrences of a regular expression and returns all the matches.",
  },
  "MatchCollection Matches(string input, int startat)",
  "static MatchCollection Matches(string input, string pattern)",
  "static MatchCollection Matches(string input, string pattern, RegexOptions options)",
  "static MatchCollection Matches(string input, string pattern, RegexOptions options, TimeSpan matchTimeout)",
  {
    sig: "string Replace(string input, string replacement)",
    doc: "Replaces strings that match a regular expression pattern with a replacement string.",
  },
  "string Replace(string input, string replacement, int count)",
  "string Replace(string input, string replacement, int count, int startat)",
  "string Replace(string input, MatchEvaluator evaluator)",
  "string Replace(string input, MatchEvaluator evaluator, int count)",
  "static string Replace(string input, string pattern, string replacement)",
  "static string Replace(string input, string pattern, string replacement, RegexOptions options)",
  "static string Replace(string input, string pattern, string replacement, RegexOptions options, TimeSpan matchTimeout)",
  "static string Replace(string input, string pattern, MatchEvaluator evaluator)",
  "static string Replace(string input, string pattern, MatchEvaluator evaluator, RegexOptions options)",
  {
    sig: "string[] Split(string input)",
    doc: "Splits an input string into an array of substrings at the positions defined by a regex match.",
  },
  "string[] Split(string input, int count)",
  "string[] Split(string input, int count, int startat)",
  "static string[] Split(string input, string pattern)",
  "static string[] Split(string input, string pattern, RegexOptions options)",
  "static string[] Split(string input, string pattern, RegexOptions options, TimeSpan matchTimeout)",
  {
    sig: "int Count(string input)",
    doc: "Searches an input string for all occurrences of a regular expression and returns their number.",
  },
  "static int Count(string input, string pattern)",
  {
    sig: "object EnumerateMatches(string input)",
    doc: "Searches an input span for all occurrences of a regular expression and enumerates them.",
  },
  {
    sig: "object EnumerateSplits(string input)",
    doc: "Searches an input span for all occurrences of a regular expression and enumerates the splits.",
  },
];

export const REGEX_TYPES: readonly TypeData[] = [
  {
    ns,
    name: "Regex",
    doc: "Represents an immutable regular expression.",
    kind: "class",
    complete: true,
    source: BCL,
    members: [
      {
        sig: "Regex(string pattern)",
        doc: "Initializes a new instance of the Regex class for the specified regular expression.",
      },
      "Regex(string pattern, RegexOptions options)",
      "Regex(string pattern, RegexOptions options, TimeSpan matchTimeout)",
      ...STATIC_AND_INSTANCE,
      {
        sig: "static string Escape(string str)",
        doc: "Escapes a minimal set of metacharacters (such as \\, *, +, ?, [, (, ^, $, . and white space).",
      },
      { sig: "static string Unescape(string str)", doc: "Converts any escaped characters in the input string." },
      {
        sig: "static int CacheSize { get; set; }",
        doc: "Gets or sets the maximum number of entries in the current static cache of compiled expressions.",
      },
      {
        sig: "static readonly TimeSpan InfiniteMatchTimeout",
        doc: "Specifies that a pattern-matching operation should not time out.",
      },
      {
        sig: "static void CompileToAssembly(object regexinfos, object assemblyname)",
        doc: "Compiles one or more specified Regex objects to a named assembly (not supported on .NET Core).",
      },
      { sig: "RegexOptions Options { get; }", doc: "Gets the options that were passed into the Regex constructor." },
      { sig: "bool RightToLeft { get; }", doc: "Gets whether the regular expression searches from right to left." },
      { sig: "TimeSpan MatchTimeout { get; }", doc: "Gets the time-out interval of the current instance." },
      { sig: "string[] GetGroupNames()", doc: "Returns an array of capturing group names for the regular expression." },
      {
        sig: "int[] GetGroupNumbers()",
        doc: "Returns an array of capturing group numbers that correspond to group names in an array.",
      },
      {
        sig: "string GroupNameFromNumber(int i)",
        doc: "Gets the group name that corresponds to the specified group number.",
      },
      {
        sig: "int GroupNumberFromName(string name)",
        doc: "Returns the group number that corresponds to the specified group name.",
      },
      {
        sig: "string ToString()",
        doc: "Returns the regular expression pattern that was passed into the Regex constructor.",
      },
    ],
  },
  {
    ns,
    name: "RegexOptions",
    doc: "Provides enumerated values to use to set regular expression options.",
    valueDocs: {
      None: "Specifies that no options are set.",
      IgnoreCase: "Specifies case-insensitive matching.",
      Multiline: "Multiline mode: ^ and $ match at the beginning and end of any line.",
      ExplicitCapture: "Specifies that the only valid captures are explicitly named or numbered groups.",
      Compiled: "Specifies that the regular expression is compiled to MSIL code.",
      Singleline: "Single-line mode: the period (.) matches every character, including \\n.",
      IgnorePatternWhitespace: "Eliminates unescaped white space from the pattern and enables comments marked with #.",
      RightToLeft: "Specifies that the search will be from right to left instead of from left to right.",
      ECMAScript: "Enables ECMAScript-compliant behavior for the expression.",
      CultureInvariant: "Specifies that cultural differences in language are ignored.",
      NonBacktracking: "Enables matching that avoids backtracking and guarantees linear-time processing.",
    },
    kind: "enum",
    complete: true,
    source: BCL,
    values: [
      "None",
      "IgnoreCase",
      "Multiline",
      "ExplicitCapture",
      "Compiled",
      "Singleline",
      "IgnorePatternWhitespace",
      "RightToLeft",
      "ECMAScript",
      "CultureInvariant",
      "NonBacktracking",
    ],
    members: [],
  },
  {
    ns,
    name: "MatchEvaluator",
    doc: "Represents the method that is called each time a regular expression match is found during Replace.",
    kind: "delegate",
    complete: true,
    source: BCL,
    members: [{ sig: "string Invoke(Match match)", doc: "Calls the method that this delegate encapsulates." }],
  },
  {
    ns,
    name: "Capture",
    doc: "Represents the results from a single successful subexpression capture.",
    kind: "class",
    complete: true,
    source: BCL,
    members: [
      {
        sig: "int Index { get; }",
        doc: "Gets the position in the original string where the first character of the captured substring is.",
      },
      { sig: "int Length { get; }", doc: "Gets the length of the captured substring." },
      { sig: "string Value { get; }", doc: "Gets the captured substring from the input string." },
      { sig: "object ValueSpan { get; }", doc: "Gets the captured span from the input string." },
    ],
  },
  {
    ns,
    name: "Group",
    doc: "Represents the results from a single capturing group.",
    kind: "class",
    base: "Capture",
    complete: true,
    source: BCL,
    members: [
      {
        sig: "CaptureCollection Captures { get; }",
        doc: "Gets a collection of all the captures matched by the capturing group.",
      },
      { sig: "bool Success { get; }", doc: "Gets a value indicating whether the match is successful." },
      {
        sig: "string Name { get; }",
        doc: "Returns the name of the capturing group represented by the current instance.",
      },
      {
        sig: "static Group Synchronized(Group inner)",
        doc: "Returns a Group object equivalent to the one supplied that is safe to share between threads.",
      },
    ],
  },
  {
    ns,
    name: "Match",
    doc: "Represents the results from a single regular expression match.",
    kind: "class",
    base: "Group",
    complete: true,
    source: BCL,
    members: [
      { sig: "static Match Empty { get; }", doc: "Gets the empty group; all failed matches return this empty match." },
      { sig: "GroupCollection Groups { get; }", doc: "Gets a collection of groups matched by the regular expression." },
      { sig: "Match NextMatch()", doc: "Returns a new Match object with the results for the next match." },
      { sig: "string Result(string replacement)", doc: "Returns the expansion of the specified replacement pattern." },
      {
        sig: "static Match Synchronized(Match inner)",
        doc: "Returns a Match instance equivalent to the one supplied that is suitable to share between threads.",
      },
    ],
  },
  {
    // Not on APIM's list, but what Regex.Matches returns: unlisted, so nothing on it is reported as not allowed.
    ns,
    name: "MatchCollection",
    doc: "Represents the set of successful matches found by iteratively applying a regex to the input string.",
    kind: "class",
    interfaces: ["IList<Match>", "IReadOnlyList<Match>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "int Count { get; }", doc: "Gets the number of matches." },
      { sig: "Match this[int i] { get; }", doc: "Gets an individual member of the collection." },
      { sig: "bool IsReadOnly { get; }", doc: "Gets a value that indicates whether the collection is read only." },
      {
        sig: "bool IsSynchronized { get; }",
        doc: "Gets a value indicating whether access to the collection is synchronized (thread-safe).",
      },
      {
        sig: "object SyncRoot { get; }",
        doc: "Gets an object that can be used to synchronize access to the collection.",
      },
      {
        sig: "void CopyTo(Array array, int arrayIndex)",
        doc: "Copies all the elements of the collection to the given array starting at the given index.",
      },
      {
        sig: "System.Collections.IEnumerator GetEnumerator()",
        doc: "Provides an enumerator that iterates through the collection.",
      },
    ],
  },
  {
    ns,
    name: "GroupCollection",
    doc: "Returns the set of captured groups in a single match.",
    kind: "class",
    // .NET Core also implements IReadOnlyDictionary<string, Group>; two IEnumerable<T> would make LINQ's type
    // inference ambiguous (as it is in C#), so only the list side is modelled.
    interfaces: ["IList<Group>", "IReadOnlyList<Group>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "int Count { get; }", doc: "Returns the number of groups in the collection." },
      {
        sig: "Group this[int groupnum] { get; }",
        doc: "Enables access to a member of the collection by integer index or by string name.",
      },
      "Group this[string groupname] { get; }",
      { sig: "bool IsReadOnly { get; }", doc: "Gets a value that indicates whether the collection is read-only." },
      {
        sig: "bool IsSynchronized { get; }",
        doc: "Gets a value that indicates whether access to the collection is synchronized (thread-safe).",
      },
      {
        sig: "object SyncRoot { get; }",
        doc: "Gets an object that can be used to synchronize access to the collection.",
      },
      {
        sig: "IEnumerable<string> Keys { get; }",
        doc: "Gets a string enumeration that contains the name keys of the group collection.",
      },
      {
        sig: "IEnumerable<Group> Values { get; }",
        doc: "Gets a group enumeration with all the groups in the group collection.",
      },
      {
        sig: "bool ContainsKey(string key)",
        doc: "Determines whether the group collection contains a captured group identified by the name.",
      },
      {
        sig: "bool TryGetValue(string key, out Group value)",
        doc: "Attempts to retrieve a group identified by the provided name key, if it exists.",
      },
      {
        sig: "void CopyTo(Array array, int arrayIndex)",
        doc: "Copies all the elements of the collection to the given array beginning at the given index.",
      },
      {
        sig: "System.Collections.IEnumerator GetEnumerator()",
        doc: "Provides an enumerator that iterates through the collection.",
      },
    ],
  },
  {
    ns,
    name: "CaptureCollection",
    doc: "Represents the set of captures made by a single capturing group.",
    kind: "class",
    interfaces: ["IList<Capture>", "IReadOnlyList<Capture>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "int Count { get; }", doc: "Gets the number of substrings captured by the group." },
      { sig: "Capture this[int i] { get; }", doc: "Gets an individual member of the collection." },
      { sig: "bool IsReadOnly { get; }", doc: "Gets a value that indicates whether the collection is read only." },
      {
        sig: "bool IsSynchronized { get; }",
        doc: "Gets a value that indicates whether access to the collection is synchronized (thread-safe).",
      },
      {
        sig: "object SyncRoot { get; }",
        doc: "Gets an object that can be used to synchronize access to the collection.",
      },
      {
        sig: "void CopyTo(Array array, int arrayIndex)",
        doc: "Copies all the elements of the collection to the given array beginning at the given index.",
      },
      {
        sig: "System.Collections.IEnumerator GetEnumerator()",
        doc: "Provides an enumerator that iterates through the collection.",
      },
    ],
  },
];
