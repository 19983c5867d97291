// System.Linq: Enumerable's extension methods over IEnumerable<T> (every method name of current .NET, so that a
// name missing here is certainly not LINQ), and the interfaces they return.
import type { MemberEntry, TypeData } from "./model.js";

const BCL = ".NET BCL";
const ns = "System.Linq";
const SRC = "this IEnumerable<TSource> source";

/** Sum/Min/Max/Average over a sequence of numbers and with a selector: `int` gives `int` (Average: `double`). */
function numeric(name: string, result: (kw: string) => string, doc: string): MemberEntry[] {
  const out: MemberEntry[] = [];
  for (const kw of ["int", "long", "double", "decimal", "float", "int?", "long?", "double?", "decimal?", "float?"]) {
    const r = result(kw);
    const sig = `static ${r} ${name}(this IEnumerable<${kw}> source)`;
    out.push(out.length === 0 ? { sig, doc } : sig);
    out.push(`static ${r} ${name}<TSource>(${SRC}, Func<TSource, ${kw}> selector)`);
  }
  return out;
}

const averageOf = (kw: string): string => {
  const nullable = kw.endsWith("?");
  const base = nullable ? kw.slice(0, -1) : kw;
  const r = base === "decimal" ? "decimal" : base === "float" ? "float" : "double";
  return nullable ? `${r}?` : r;
};

/** First/Last/Single with and without a predicate and a default value, with the docs of `X` and `XOrDefault`. */
function element(name: string, doc: string, orDefaultDoc: string): MemberEntry[] {
  return [
    {
      sig: `static TSource ${name}<TSource>(${SRC})`,
      doc,
    },
    `static TSource ${name}<TSource>(${SRC}, Func<TSource, bool> predicate)`,
    {
      sig: `static TSource ${name}OrDefault<TSource>(${SRC})`,
      doc: orDefaultDoc,
    },
    `static TSource ${name}OrDefault<TSource>(${SRC}, Func<TSource, bool> predicate)`,
    `static TSource ${name}OrDefault<TSource>(${SRC}, TSource defaultValue)`,
    `static TSource ${name}OrDefault<TSource>(${SRC}, Func<TSource, bool> predicate, TSource defaultValue)`,
  ];
}

export const LINQ_TYPES: readonly TypeData[] = [
  {
    ns,
    name: "Enumerable",
    doc: "Provides a set of static methods (LINQ) for querying objects that implement IEnumerable<T>.",
    kind: "class",
    static: true,
    complete: true,
    source: BCL,
    members: [
      {
        sig: `static TSource Aggregate<TSource>(${SRC}, Func<TSource, TSource, TSource> func)`,
        doc: "Applies an accumulator function over a sequence.",
      },
      `static TAccumulate Aggregate<TSource, TAccumulate>(${SRC}, TAccumulate seed, Func<TAccumulate, TSource, TAccumulate> func)`,
      `static TResult Aggregate<TSource, TAccumulate, TResult>(${SRC}, TAccumulate seed, Func<TAccumulate, TSource, TAccumulate> func, Func<TAccumulate, TResult> resultSelector)`,
      {
        sig: `static IEnumerable<KeyValuePair<TKey, TAccumulate>> AggregateBy<TSource, TKey, TAccumulate>(${SRC}, Func<TSource, TKey> keySelector, TAccumulate seed, Func<TAccumulate, TSource, TAccumulate> func)`,
        doc: "Applies an accumulator function over a sequence, grouping results by key.",
      },
      {
        sig: `static bool All<TSource>(${SRC}, Func<TSource, bool> predicate)`,
        doc: "Determines whether all elements of a sequence satisfy a condition.",
      },
      {
        sig: `static bool Any<TSource>(${SRC})`,
        doc: "Determines whether any element of a sequence exists or satisfies a condition.",
      },
      `static bool Any<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      {
        sig: `static IEnumerable<TSource> Append<TSource>(${SRC}, TSource element)`,
        doc: "Appends a value to the end of the sequence.",
      },
      {
        sig: `static IEnumerable<TSource> AsEnumerable<TSource>(${SRC})`,
        doc: "Returns the input typed as IEnumerable<T>.",
      },
      ...numeric("Average", averageOf, "Computes the average of a sequence of numeric values."),
      {
        sig: "static IEnumerable<TResult> Cast<TResult>(this System.Collections.IEnumerable source)",
        doc: "Casts the elements of an IEnumerable to the specified type.",
      },
      {
        sig: `static IEnumerable<TSource[]> Chunk<TSource>(${SRC}, int size)`,
        doc: "Splits the elements of a sequence into chunks of size at most size.",
      },
      {
        sig: `static IEnumerable<TSource> Concat<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
        doc: "Concatenates two sequences.",
      },
      {
        sig: `static bool Contains<TSource>(${SRC}, TSource value)`,
        doc: "Determines whether a sequence contains a specified element.",
      },
      `static bool Contains<TSource>(${SRC}, TSource value, IEqualityComparer<TSource> comparer)`,
      {
        sig: `static int Count<TSource>(${SRC})`,
        doc: "Returns the number of elements in a sequence (that satisfy a condition).",
      },
      `static int Count<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      {
        sig: `static IEnumerable<KeyValuePair<TKey, int>> CountBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Returns the count of elements in the source sequence grouped by key.",
      },
      {
        sig: `static IEnumerable<TSource> DefaultIfEmpty<TSource>(${SRC})`,
        doc: "Returns the elements of a sequence, or a default valued singleton if the sequence is empty.",
      },
      `static IEnumerable<TSource> DefaultIfEmpty<TSource>(${SRC}, TSource defaultValue)`,
      {
        sig: `static IEnumerable<TSource> Distinct<TSource>(${SRC})`,
        doc: "Returns distinct elements from a sequence.",
      },
      `static IEnumerable<TSource> Distinct<TSource>(${SRC}, IEqualityComparer<TSource> comparer)`,
      {
        sig: `static IEnumerable<TSource> DistinctBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Returns distinct elements from a sequence according to a specified key selector function.",
      },
      {
        sig: `static TSource ElementAt<TSource>(${SRC}, int index)`,
        doc: "Returns the element at a specified index in a sequence.",
      },
      {
        sig: `static TSource ElementAtOrDefault<TSource>(${SRC}, int index)`,
        doc: "Returns the element at a specified index in a sequence, or a default value if out of range.",
      },
      {
        sig: "static IEnumerable<TResult> Empty<TResult>()",
        doc: "Returns an empty IEnumerable<T> that has the specified type argument.",
      },
      {
        sig: `static IEnumerable<TSource> Except<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
        doc: "Produces the set difference of two sequences.",
      },
      `static IEnumerable<TSource> Except<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second, IEqualityComparer<TSource> comparer)`,
      {
        sig: `static IEnumerable<TSource> ExceptBy<TSource, TKey>(this IEnumerable<TSource> first, IEnumerable<TKey> second, Func<TSource, TKey> keySelector)`,
        doc: "Produces the set difference of two sequences according to a specified key selector function.",
      },
      ...element(
        "First",
        "Returns the first element of a sequence (that satisfies a condition); throws if there is none.",
        "Returns the first element of a sequence (that satisfies a condition), or a default value if none.",
      ),
      {
        sig: `static IEnumerable<IGrouping<TKey, TSource>> GroupBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Groups the elements of a sequence according to a key selector function.",
      },
      `static IEnumerable<IGrouping<TKey, TElement>> GroupBy<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector)`,
      `static IEnumerable<TResult> GroupBy<TSource, TKey, TResult>(${SRC}, Func<TSource, TKey> keySelector, Func<TKey, IEnumerable<TSource>, TResult> resultSelector)`,
      {
        sig: `static IEnumerable<TResult> GroupJoin<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, IEnumerable<TInner>, TResult> resultSelector)`,
        doc: "Correlates the elements of two sequences based on equality of keys and groups the results.",
      },
      {
        sig: `static IEnumerable<object> Index<TSource>(${SRC})`,
        doc: "Returns an enumerable that incorporates the element's index into a tuple.",
      },
      {
        sig: `static IEnumerable<TSource> Intersect<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
        doc: "Produces the set intersection of two sequences.",
      },
      {
        sig: `static IEnumerable<TSource> IntersectBy<TSource, TKey>(this IEnumerable<TSource> first, IEnumerable<TKey> second, Func<TSource, TKey> keySelector)`,
        doc: "Produces the set intersection of two sequences according to a specified key selector function.",
      },
      {
        sig: `static IEnumerable<TResult> Join<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)`,
        doc: "Correlates the elements of two sequences based on matching keys.",
      },
      ...element(
        "Last",
        "Returns the last element of a sequence (that satisfies a condition); throws if there is none.",
        "Returns the last element of a sequence (that satisfies a condition), or a default value if none.",
      ),
      {
        sig: `static IEnumerable<TResult> LeftJoin<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)`,
        doc: "Correlates the elements of two sequences on matching keys, keeping every outer element.",
      },
      {
        sig: `static long LongCount<TSource>(${SRC})`,
        doc: "Returns an Int64 that represents the number of elements in a sequence.",
      },
      `static long LongCount<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      ...numeric("Max", (kw) => kw, "Returns the maximum value in a sequence of values."),
      `static TSource Max<TSource>(${SRC})`,
      `static TResult Max<TSource, TResult>(${SRC}, Func<TSource, TResult> selector)`,
      {
        sig: `static TSource MaxBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Returns the maximum value in a generic sequence according to a specified key selector function.",
      },
      ...numeric("Min", (kw) => kw, "Returns the minimum value in a sequence of values."),
      `static TSource Min<TSource>(${SRC})`,
      `static TResult Min<TSource, TResult>(${SRC}, Func<TSource, TResult> selector)`,
      {
        sig: `static TSource MinBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Returns the minimum value in a generic sequence according to a specified key selector function.",
      },
      {
        sig: "static IEnumerable<TResult> OfType<TResult>(this System.Collections.IEnumerable source)",
        doc: "Filters the elements of an IEnumerable based on a specified type.",
      },
      {
        sig: `static IOrderedEnumerable<TSource> Order<TSource>(${SRC})`,
        doc: "Sorts the elements of a sequence in ascending order.",
      },
      {
        sig: `static IOrderedEnumerable<TSource> OrderBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Sorts the elements of a sequence in ascending order according to a key.",
      },
      `static IOrderedEnumerable<TSource> OrderBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector, IComparer<TKey> comparer)`,
      {
        sig: `static IOrderedEnumerable<TSource> OrderByDescending<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Sorts the elements of a sequence in descending order according to a key.",
      },
      `static IOrderedEnumerable<TSource> OrderByDescending<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector, IComparer<TKey> comparer)`,
      {
        sig: `static IOrderedEnumerable<TSource> OrderDescending<TSource>(${SRC})`,
        doc: "Sorts the elements of a sequence in descending order.",
      },
      {
        sig: `static IEnumerable<TSource> Prepend<TSource>(${SRC}, TSource element)`,
        doc: "Adds a value to the beginning of the sequence.",
      },
      {
        sig: "static IEnumerable<int> Range(int start, int count)",
        doc: "Generates a sequence of integral numbers within a specified range.",
      },
      {
        sig: "static IEnumerable<TResult> Repeat<TResult>(TResult element, int count)",
        doc: "Generates a sequence that contains one repeated value.",
      },
      {
        sig: `static IEnumerable<TSource> Reverse<TSource>(${SRC})`,
        doc: "Inverts the order of the elements in a sequence.",
      },
      {
        sig: `static IEnumerable<TResult> RightJoin<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)`,
        doc: "Correlates the elements of two sequences on matching keys, keeping every inner element.",
      },
      {
        sig: `static IEnumerable<TResult> Select<TSource, TResult>(${SRC}, Func<TSource, TResult> selector)`,
        doc: "Projects each element of a sequence into a new form.",
      },
      `static IEnumerable<TResult> Select<TSource, TResult>(${SRC}, Func<TSource, int, TResult> selector)`,
      {
        sig: `static IEnumerable<TResult> SelectMany<TSource, TResult>(${SRC}, Func<TSource, IEnumerable<TResult>> selector)`,
        doc: "Projects each element of a sequence to an IEnumerable<T> and flattens the resulting sequences.",
      },
      `static IEnumerable<TResult> SelectMany<TSource, TResult>(${SRC}, Func<TSource, int, IEnumerable<TResult>> selector)`,
      `static IEnumerable<TResult> SelectMany<TSource, TCollection, TResult>(${SRC}, Func<TSource, IEnumerable<TCollection>> collectionSelector, Func<TSource, TCollection, TResult> resultSelector)`,
      {
        sig: `static bool SequenceEqual<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
        doc: "Determines whether two sequences are equal by comparing their elements.",
      },
      `static bool SequenceEqual<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second, IEqualityComparer<TSource> comparer)`,
      {
        sig: `static IEnumerable<TSource> Shuffle<TSource>(${SRC})`,
        doc: "Shuffles the order of the elements of a sequence.",
      },
      ...element(
        "Single",
        "Returns the only element of a sequence (that satisfies a condition); throws unless exactly one.",
        "Returns the only element of a sequence (that satisfies a condition), or a default if none.",
      ),
      {
        sig: `static IEnumerable<TSource> Skip<TSource>(${SRC}, int count)`,
        doc: "Bypasses a specified number of elements in a sequence and then returns the remaining elements.",
      },
      {
        sig: `static IEnumerable<TSource> SkipLast<TSource>(${SRC}, int count)`,
        doc: "Returns a sequence without the last count elements of the source.",
      },
      {
        sig: `static IEnumerable<TSource> SkipWhile<TSource>(${SRC}, Func<TSource, bool> predicate)`,
        doc: "Bypasses elements in a sequence as long as a specified condition is true, then returns the rest.",
      },
      ...numeric("Sum", (kw) => kw, "Computes the sum of a sequence of numeric values."),
      {
        sig: `static IEnumerable<TSource> Take<TSource>(${SRC}, int count)`,
        doc: "Returns a specified number of contiguous elements from the start of a sequence.",
      },
      {
        sig: `static IEnumerable<TSource> TakeLast<TSource>(${SRC}, int count)`,
        doc: "Returns a sequence that contains the last count elements from source.",
      },
      {
        sig: `static IEnumerable<TSource> TakeWhile<TSource>(${SRC}, Func<TSource, bool> predicate)`,
        doc: "Returns elements from a sequence as long as a specified condition is true.",
      },
      {
        sig: `static IOrderedEnumerable<TSource> ThenBy<TSource, TKey>(this IOrderedEnumerable<TSource> source, Func<TSource, TKey> keySelector)`,
        doc: "Performs a subsequent ordering of the elements in a sequence in ascending order.",
      },
      {
        sig: `static IOrderedEnumerable<TSource> ThenByDescending<TSource, TKey>(this IOrderedEnumerable<TSource> source, Func<TSource, TKey> keySelector)`,
        doc: "Performs a subsequent ordering of the elements in a sequence in descending order.",
      },
      { sig: `static TSource[] ToArray<TSource>(${SRC})`, doc: "Creates an array from an IEnumerable<T>." },
      {
        sig: `static Dictionary<TKey, TSource> ToDictionary<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Creates a Dictionary<TKey, TValue> from an IEnumerable<T> according to key selector functions.",
      },
      `static Dictionary<TKey, TSource> ToDictionary<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector, IEqualityComparer<TKey> comparer)`,
      `static Dictionary<TKey, TElement> ToDictionary<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector)`,
      `static Dictionary<TKey, TElement> ToDictionary<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector, IEqualityComparer<TKey> comparer)`,
      "static Dictionary<TKey, TValue> ToDictionary<TKey, TValue>(this IEnumerable<KeyValuePair<TKey, TValue>> source)",
      {
        sig: `static HashSet<TSource> ToHashSet<TSource>(${SRC})`,
        doc: "Creates a HashSet<T> from an IEnumerable<T>.",
      },
      `static HashSet<TSource> ToHashSet<TSource>(${SRC}, IEqualityComparer<TSource> comparer)`,
      { sig: `static List<TSource> ToList<TSource>(${SRC})`, doc: "Creates a List<T> from an IEnumerable<T>." },
      {
        sig: `static ILookup<TKey, TSource> ToLookup<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
        doc: "Creates a Lookup<TKey, TElement> from an IEnumerable<T> according to key selector functions.",
      },
      `static ILookup<TKey, TElement> ToLookup<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector)`,
      {
        sig: `static bool TryGetNonEnumeratedCount<TSource>(${SRC}, out int count)`,
        doc: "Tries to get the number of elements in a sequence without forcing an enumeration.",
      },
      {
        sig: `static IEnumerable<TSource> Union<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
        doc: "Produces the set union of two sequences.",
      },
      `static IEnumerable<TSource> Union<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second, IEqualityComparer<TSource> comparer)`,
      {
        sig: `static IEnumerable<TSource> UnionBy<TSource, TKey>(this IEnumerable<TSource> first, IEnumerable<TSource> second, Func<TSource, TKey> keySelector)`,
        doc: "Produces the set union of two sequences according to a specified key selector function.",
      },
      {
        sig: `static IEnumerable<TSource> Where<TSource>(${SRC}, Func<TSource, bool> predicate)`,
        doc: "Filters a sequence of values based on a predicate.",
      },
      `static IEnumerable<TSource> Where<TSource>(${SRC}, Func<TSource, int, bool> predicate)`,
      // The two-argument Zip gives a ValueTuple, which the model does not have (C# 7 tuples are [U] in APIM).
      {
        sig: "static IEnumerable<TResult> Zip<TFirst, TSecond, TResult>(this IEnumerable<TFirst> first, IEnumerable<TSecond> second, Func<TFirst, TSecond, TResult> resultSelector)",
        doc: "Produces a sequence of tuples (or results) from the elements of two or three sequences.",
      },
    ],
  },
  {
    ns,
    name: "IOrderedEnumerable<TElement>",
    doc: "Represents a sorted sequence.",
    kind: "interface",
    interfaces: ["IEnumerable<TElement>"],
    complete: true,
    source: BCL,
    members: [],
  },
  {
    ns,
    name: "IGrouping<TKey, TElement>",
    doc: "Represents a collection of objects that have a common key.",
    kind: "interface",
    interfaces: ["IEnumerable<TElement>"],
    complete: true,
    source: BCL,
    members: [{ sig: "TKey Key { get; }", doc: "Gets the key of the IGrouping<TKey, TElement>." }],
  },
  {
    ns,
    name: "ILookup<TKey, TElement>",
    doc: "Defines an indexer, size property, and Boolean search method for data structures that map keys.",
    kind: "interface",
    interfaces: ["IEnumerable<IGrouping<TKey, TElement>>"],
    complete: true,
    source: BCL,
    members: [
      {
        sig: "int Count { get; }",
        doc: "Gets the number of key/value collection pairs in the ILookup<TKey, TElement>.",
      },
      {
        sig: "IEnumerable<TElement> this[TKey key] { get; }",
        doc: "Gets the IEnumerable<T> sequence of values indexed by a specified key.",
      },
      {
        sig: "bool Contains(TKey key)",
        doc: "Determines whether a specified key exists in the ILookup<TKey, TElement>.",
      },
    ],
  },
];
