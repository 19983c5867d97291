// System.Linq: Enumerable's extension methods over IEnumerable<T> (every method name of current .NET, so that a
// name missing here is certainly not LINQ), and the interfaces they return.
import type { MemberEntry, TypeData } from "./model.js";

const BCL = ".NET BCL";
const ns = "System.Linq";
const SRC = "this IEnumerable<TSource> source";

/** Sum/Min/Max/Average over a sequence of numbers and with a selector: `int` gives `int` (Average: `double`). */
function numeric(name: string, result: (kw: string) => string): MemberEntry[] {
  const out: MemberEntry[] = [];
  for (const kw of ["int", "long", "double", "decimal", "float", "int?", "long?", "double?", "decimal?", "float?"]) {
    const r = result(kw);
    out.push(`static ${r} ${name}(this IEnumerable<${kw}> source)`);
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

/** First/Last/Single with and without a predicate and a default value. */
function element(name: string): MemberEntry[] {
  return [
    `static TSource ${name}<TSource>(${SRC})`,
    `static TSource ${name}<TSource>(${SRC}, Func<TSource, bool> predicate)`,
    `static TSource ${name}OrDefault<TSource>(${SRC})`,
    `static TSource ${name}OrDefault<TSource>(${SRC}, Func<TSource, bool> predicate)`,
    `static TSource ${name}OrDefault<TSource>(${SRC}, TSource defaultValue)`,
    `static TSource ${name}OrDefault<TSource>(${SRC}, Func<TSource, bool> predicate, TSource defaultValue)`,
  ];
}

export const LINQ_TYPES: readonly TypeData[] = [
  {
    ns,
    name: "Enumerable",
    kind: "class",
    static: true,
    complete: true,
    source: BCL,
    members: [
      `static TSource Aggregate<TSource>(${SRC}, Func<TSource, TSource, TSource> func)`,
      `static TAccumulate Aggregate<TSource, TAccumulate>(${SRC}, TAccumulate seed, Func<TAccumulate, TSource, TAccumulate> func)`,
      `static TResult Aggregate<TSource, TAccumulate, TResult>(${SRC}, TAccumulate seed, Func<TAccumulate, TSource, TAccumulate> func, Func<TAccumulate, TResult> resultSelector)`,
      `static IEnumerable<KeyValuePair<TKey, TAccumulate>> AggregateBy<TSource, TKey, TAccumulate>(${SRC}, Func<TSource, TKey> keySelector, TAccumulate seed, Func<TAccumulate, TSource, TAccumulate> func)`,
      `static bool All<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      `static bool Any<TSource>(${SRC})`,
      `static bool Any<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      `static IEnumerable<TSource> Append<TSource>(${SRC}, TSource element)`,
      `static IEnumerable<TSource> AsEnumerable<TSource>(${SRC})`,
      ...numeric("Average", averageOf),
      "static IEnumerable<TResult> Cast<TResult>(this System.Collections.IEnumerable source)",
      `static IEnumerable<TSource[]> Chunk<TSource>(${SRC}, int size)`,
      `static IEnumerable<TSource> Concat<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
      `static bool Contains<TSource>(${SRC}, TSource value)`,
      `static bool Contains<TSource>(${SRC}, TSource value, IEqualityComparer<TSource> comparer)`,
      `static int Count<TSource>(${SRC})`,
      `static int Count<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      `static IEnumerable<KeyValuePair<TKey, int>> CountBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      `static IEnumerable<TSource> DefaultIfEmpty<TSource>(${SRC})`,
      `static IEnumerable<TSource> DefaultIfEmpty<TSource>(${SRC}, TSource defaultValue)`,
      `static IEnumerable<TSource> Distinct<TSource>(${SRC})`,
      `static IEnumerable<TSource> Distinct<TSource>(${SRC}, IEqualityComparer<TSource> comparer)`,
      `static IEnumerable<TSource> DistinctBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      `static TSource ElementAt<TSource>(${SRC}, int index)`,
      `static TSource ElementAtOrDefault<TSource>(${SRC}, int index)`,
      "static IEnumerable<TResult> Empty<TResult>()",
      `static IEnumerable<TSource> Except<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
      `static IEnumerable<TSource> Except<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second, IEqualityComparer<TSource> comparer)`,
      `static IEnumerable<TSource> ExceptBy<TSource, TKey>(this IEnumerable<TSource> first, IEnumerable<TKey> second, Func<TSource, TKey> keySelector)`,
      ...element("First"),
      `static IEnumerable<IGrouping<TKey, TSource>> GroupBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      `static IEnumerable<IGrouping<TKey, TElement>> GroupBy<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector)`,
      `static IEnumerable<TResult> GroupBy<TSource, TKey, TResult>(${SRC}, Func<TSource, TKey> keySelector, Func<TKey, IEnumerable<TSource>, TResult> resultSelector)`,
      `static IEnumerable<TResult> GroupJoin<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, IEnumerable<TInner>, TResult> resultSelector)`,
      `static IEnumerable<object> Index<TSource>(${SRC})`,
      `static IEnumerable<TSource> Intersect<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
      `static IEnumerable<TSource> IntersectBy<TSource, TKey>(this IEnumerable<TSource> first, IEnumerable<TKey> second, Func<TSource, TKey> keySelector)`,
      `static IEnumerable<TResult> Join<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)`,
      ...element("Last"),
      `static IEnumerable<TResult> LeftJoin<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)`,
      `static long LongCount<TSource>(${SRC})`,
      `static long LongCount<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      ...numeric("Max", (kw) => kw),
      `static TSource Max<TSource>(${SRC})`,
      `static TResult Max<TSource, TResult>(${SRC}, Func<TSource, TResult> selector)`,
      `static TSource MaxBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      ...numeric("Min", (kw) => kw),
      `static TSource Min<TSource>(${SRC})`,
      `static TResult Min<TSource, TResult>(${SRC}, Func<TSource, TResult> selector)`,
      `static TSource MinBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      "static IEnumerable<TResult> OfType<TResult>(this System.Collections.IEnumerable source)",
      `static IOrderedEnumerable<TSource> Order<TSource>(${SRC})`,
      `static IOrderedEnumerable<TSource> OrderBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      `static IOrderedEnumerable<TSource> OrderBy<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector, IComparer<TKey> comparer)`,
      `static IOrderedEnumerable<TSource> OrderByDescending<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      `static IOrderedEnumerable<TSource> OrderByDescending<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector, IComparer<TKey> comparer)`,
      `static IOrderedEnumerable<TSource> OrderDescending<TSource>(${SRC})`,
      `static IEnumerable<TSource> Prepend<TSource>(${SRC}, TSource element)`,
      "static IEnumerable<int> Range(int start, int count)",
      "static IEnumerable<TResult> Repeat<TResult>(TResult element, int count)",
      `static IEnumerable<TSource> Reverse<TSource>(${SRC})`,
      `static IEnumerable<TResult> RightJoin<TOuter, TInner, TKey, TResult>(this IEnumerable<TOuter> outer, IEnumerable<TInner> inner, Func<TOuter, TKey> outerKeySelector, Func<TInner, TKey> innerKeySelector, Func<TOuter, TInner, TResult> resultSelector)`,
      `static IEnumerable<TResult> Select<TSource, TResult>(${SRC}, Func<TSource, TResult> selector)`,
      `static IEnumerable<TResult> Select<TSource, TResult>(${SRC}, Func<TSource, int, TResult> selector)`,
      `static IEnumerable<TResult> SelectMany<TSource, TResult>(${SRC}, Func<TSource, IEnumerable<TResult>> selector)`,
      `static IEnumerable<TResult> SelectMany<TSource, TResult>(${SRC}, Func<TSource, int, IEnumerable<TResult>> selector)`,
      `static IEnumerable<TResult> SelectMany<TSource, TCollection, TResult>(${SRC}, Func<TSource, IEnumerable<TCollection>> collectionSelector, Func<TSource, TCollection, TResult> resultSelector)`,
      `static bool SequenceEqual<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
      `static bool SequenceEqual<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second, IEqualityComparer<TSource> comparer)`,
      `static IEnumerable<TSource> Shuffle<TSource>(${SRC})`,
      ...element("Single"),
      `static IEnumerable<TSource> Skip<TSource>(${SRC}, int count)`,
      `static IEnumerable<TSource> SkipLast<TSource>(${SRC}, int count)`,
      `static IEnumerable<TSource> SkipWhile<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      ...numeric("Sum", (kw) => kw),
      `static IEnumerable<TSource> Take<TSource>(${SRC}, int count)`,
      `static IEnumerable<TSource> TakeLast<TSource>(${SRC}, int count)`,
      `static IEnumerable<TSource> TakeWhile<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      `static IOrderedEnumerable<TSource> ThenBy<TSource, TKey>(this IOrderedEnumerable<TSource> source, Func<TSource, TKey> keySelector)`,
      `static IOrderedEnumerable<TSource> ThenByDescending<TSource, TKey>(this IOrderedEnumerable<TSource> source, Func<TSource, TKey> keySelector)`,
      `static TSource[] ToArray<TSource>(${SRC})`,
      `static Dictionary<TKey, TSource> ToDictionary<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      `static Dictionary<TKey, TSource> ToDictionary<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector, IEqualityComparer<TKey> comparer)`,
      `static Dictionary<TKey, TElement> ToDictionary<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector)`,
      `static Dictionary<TKey, TElement> ToDictionary<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector, IEqualityComparer<TKey> comparer)`,
      "static Dictionary<TKey, TValue> ToDictionary<TKey, TValue>(this IEnumerable<KeyValuePair<TKey, TValue>> source)",
      `static HashSet<TSource> ToHashSet<TSource>(${SRC})`,
      `static HashSet<TSource> ToHashSet<TSource>(${SRC}, IEqualityComparer<TSource> comparer)`,
      `static List<TSource> ToList<TSource>(${SRC})`,
      `static ILookup<TKey, TSource> ToLookup<TSource, TKey>(${SRC}, Func<TSource, TKey> keySelector)`,
      `static ILookup<TKey, TElement> ToLookup<TSource, TKey, TElement>(${SRC}, Func<TSource, TKey> keySelector, Func<TSource, TElement> elementSelector)`,
      `static bool TryGetNonEnumeratedCount<TSource>(${SRC}, out int count)`,
      `static IEnumerable<TSource> Union<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second)`,
      `static IEnumerable<TSource> Union<TSource>(this IEnumerable<TSource> first, IEnumerable<TSource> second, IEqualityComparer<TSource> comparer)`,
      `static IEnumerable<TSource> UnionBy<TSource, TKey>(this IEnumerable<TSource> first, IEnumerable<TSource> second, Func<TSource, TKey> keySelector)`,
      `static IEnumerable<TSource> Where<TSource>(${SRC}, Func<TSource, bool> predicate)`,
      `static IEnumerable<TSource> Where<TSource>(${SRC}, Func<TSource, int, bool> predicate)`,
      // The two-argument Zip gives a ValueTuple, which the model does not have (C# 7 tuples are [U] in APIM).
      "static IEnumerable<TResult> Zip<TFirst, TSecond, TResult>(this IEnumerable<TFirst> first, IEnumerable<TSecond> second, Func<TFirst, TSecond, TResult> resultSelector)",
    ],
  },
  {
    ns,
    name: "IOrderedEnumerable<TElement>",
    kind: "interface",
    interfaces: ["IEnumerable<TElement>"],
    complete: true,
    source: BCL,
    members: [],
  },
  {
    ns,
    name: "IGrouping<TKey, TElement>",
    kind: "interface",
    interfaces: ["IEnumerable<TElement>"],
    complete: true,
    source: BCL,
    members: ["TKey Key { get; }"],
  },
  {
    ns,
    name: "ILookup<TKey, TElement>",
    kind: "interface",
    interfaces: ["IEnumerable<IGrouping<TKey, TElement>>"],
    complete: true,
    source: BCL,
    members: ["int Count { get; }", "IEnumerable<TElement> this[TKey key] { get; }", "bool Contains(TKey key)"],
  },
];
