// System.Collections.Generic (and the non-generic IEnumerable that Cast/OfType take): the interfaces the `context`
// dictionaries and LINQ are typed with, and the concrete collections a policy builds.
import type { TypeData } from "./model.js";

const BCL = ".NET BCL";
const ns = "System.Collections.Generic";

export const COLLECTION_TYPES: readonly TypeData[] = [
  {
    ns: "System.Collections",
    name: "IEnumerable",
    doc: "Exposes an enumerator, which supports a simple iteration over a non-generic collection.",
    kind: "interface",
    complete: true,
    source: BCL,
    members: [
      {
        sig: "System.Collections.IEnumerator GetEnumerator()",
        doc: "Returns an enumerator that iterates through a collection.",
      },
    ],
  },
  {
    ns: "System.Collections",
    name: "IEnumerator",
    doc: "Supports a simple iteration over a non-generic collection.",
    kind: "interface",
    complete: true,
    source: BCL,
    members: [
      {
        sig: "object Current { get; }",
        doc: "Gets the element in the collection at the current position of the enumerator.",
      },
      { sig: "bool MoveNext()", doc: "Advances the enumerator to the next element of the collection." },
      { sig: "void Reset()", doc: "Sets the enumerator to its initial position, which is before the first element." },
    ],
  },
  {
    ns,
    name: "IEnumerable<T>",
    doc: "Exposes the enumerator, which supports a simple iteration over a collection of a specified type.",
    kind: "interface",
    interfaces: ["System.Collections.IEnumerable"],
    complete: true,
    source: BCL,
    members: [
      { sig: "IEnumerator<T> GetEnumerator()", doc: "Returns an enumerator that iterates through the collection." },
    ],
  },
  {
    ns,
    name: "IEnumerator<T>",
    doc: "Supports a simple iteration over a generic collection.",
    kind: "interface",
    interfaces: ["System.Collections.IEnumerator", "IDisposable"],
    complete: true,
    source: BCL,
    members: [
      {
        sig: "T Current { get; }",
        doc: "Gets the element in the collection at the current position of the enumerator.",
      },
    ],
  },
  {
    ns,
    name: "ICollection<T>",
    doc: "Defines methods to manipulate generic collections.",
    kind: "interface",
    interfaces: ["IEnumerable<T>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "int Count { get; }", doc: "Gets the number of elements contained in the collection." },
      { sig: "bool IsReadOnly { get; }", doc: "Gets whether the collection is read-only." },
      { sig: "void Add(T item)", doc: "Adds an item to the collection." },
      { sig: "void Clear()", doc: "Removes all items from the collection." },
      { sig: "bool Contains(T item)", doc: "Determines whether the collection contains a specific value." },
      {
        sig: "void CopyTo(T[] array, int arrayIndex)",
        doc: "Copies the elements of the collection to an array, starting at a particular array index.",
      },
      { sig: "bool Remove(T item)", doc: "Removes the first occurrence of a specific object from the collection." },
    ],
  },
  {
    ns,
    name: "IList<T>",
    doc: "Represents a collection of objects that can be individually accessed by index.",
    kind: "interface",
    interfaces: ["ICollection<T>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "T this[int index] { get; set; }", doc: "Gets or sets the element at the specified index." },
      { sig: "int IndexOf(T item)", doc: "Determines the index of a specific item in the list, or -1." },
      { sig: "void Insert(int index, T item)", doc: "Inserts an item to the list at the specified index." },
      { sig: "void RemoveAt(int index)", doc: "Removes the item at the specified index." },
    ],
  },
  {
    ns,
    name: "IReadOnlyCollection<T>",
    doc: "Represents a strongly-typed, read-only collection of elements.",
    kind: "interface",
    interfaces: ["IEnumerable<T>"],
    complete: true,
    source: BCL,
    members: [{ sig: "int Count { get; }", doc: "Gets the number of elements in the collection." }],
  },
  {
    ns,
    name: "IReadOnlyList<T>",
    doc: "Represents a read-only collection of elements that can be accessed by index.",
    kind: "interface",
    interfaces: ["IReadOnlyCollection<T>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "T this[int index] { get; }", doc: "Gets the element at the specified index in the read-only list." },
    ],
  },
  {
    ns,
    name: "IDictionary<TKey, TValue>",
    doc: "Represents a generic collection of key/value pairs.",
    kind: "interface",
    interfaces: ["ICollection<KeyValuePair<TKey, TValue>>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "TValue this[TKey key] { get; set; }", doc: "Gets or sets the element with the specified key." },
      { sig: "ICollection<TKey> Keys { get; }", doc: "Gets a collection containing the keys of the dictionary." },
      { sig: "ICollection<TValue> Values { get; }", doc: "Gets a collection containing the values in the dictionary." },
      {
        sig: "void Add(TKey key, TValue value)",
        doc: "Adds an element with the provided key and value to the dictionary.",
      },
      {
        sig: "bool ContainsKey(TKey key)",
        doc: "Determines whether the dictionary contains an element with the specified key.",
      },
      { sig: "bool Remove(TKey key)", doc: "Removes the element with the specified key from the dictionary." },
      {
        sig: "bool TryGetValue(TKey key, out TValue value)",
        doc: "Gets the value associated with the specified key; returns whether the key was found.",
      },
    ],
  },
  {
    ns,
    name: "IReadOnlyDictionary<TKey, TValue>",
    doc: "Represents a generic read-only collection of key/value pairs.",
    kind: "interface",
    interfaces: ["IReadOnlyCollection<KeyValuePair<TKey, TValue>>"],
    complete: true,
    source: BCL,
    members: [
      {
        sig: "TValue this[TKey key] { get; }",
        doc: "Gets the element that has the specified key in the read-only dictionary.",
      },
      {
        sig: "IEnumerable<TKey> Keys { get; }",
        doc: "Gets an enumerable collection that contains the keys in the read-only dictionary.",
      },
      {
        sig: "IEnumerable<TValue> Values { get; }",
        doc: "Gets an enumerable collection that contains the values in the read-only dictionary.",
      },
      {
        sig: "bool ContainsKey(TKey key)",
        doc: "Determines whether the read-only dictionary contains an element that has the specified key.",
      },
      {
        sig: "bool TryGetValue(TKey key, out TValue value)",
        doc: "Gets the value that is associated with the specified key; returns whether the key was found.",
      },
    ],
  },
  {
    ns,
    name: "ISet<T>",
    doc: "Provides the base interface for the abstraction of sets.",
    kind: "interface",
    interfaces: ["ICollection<T>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "bool Add(T item)", doc: "Adds an element to the current set; returns whether the element was added." },
      {
        sig: "void ExceptWith(IEnumerable<T> other)",
        doc: "Removes all elements in the specified collection from the current set.",
      },
      {
        sig: "void IntersectWith(IEnumerable<T> other)",
        doc: "Modifies the current set so that it contains only elements also in a specified collection.",
      },
      {
        sig: "bool IsProperSubsetOf(IEnumerable<T> other)",
        doc: "Determines whether the current set is a proper (strict) subset of a specified collection.",
      },
      {
        sig: "bool IsProperSupersetOf(IEnumerable<T> other)",
        doc: "Determines whether the current set is a proper (strict) superset of a specified collection.",
      },
      {
        sig: "bool IsSubsetOf(IEnumerable<T> other)",
        doc: "Determines whether a set is a subset of a specified collection.",
      },
      {
        sig: "bool IsSupersetOf(IEnumerable<T> other)",
        doc: "Determines whether the current set is a superset of a specified collection.",
      },
      {
        sig: "bool Overlaps(IEnumerable<T> other)",
        doc: "Determines whether the current set overlaps with the specified collection.",
      },
      {
        sig: "bool SetEquals(IEnumerable<T> other)",
        doc: "Determines whether the current set and the specified collection contain the same elements.",
      },
      {
        sig: "void SymmetricExceptWith(IEnumerable<T> other)",
        doc: "Keeps only the elements that are in the current set or in the collection, but not in both.",
      },
      {
        sig: "void UnionWith(IEnumerable<T> other)",
        doc: "Modifies the current set so that it contains all elements in either it or the collection.",
      },
    ],
  },
  {
    ns,
    name: "IEqualityComparer<T>",
    doc: "Defines methods to support the comparison of objects for equality.",
    kind: "interface",
    complete: true,
    source: BCL,
    members: [
      { sig: "bool Equals(T x, T y)", doc: "Determines whether the specified objects are equal." },
      { sig: "int GetHashCode(T obj)", doc: "Returns a hash code for the specified object." },
    ],
  },
  {
    ns,
    name: "IComparer<T>",
    doc: "Defines a method that a type implements to compare two objects.",
    kind: "interface",
    complete: true,
    source: BCL,
    members: [
      {
        sig: "int Compare(T x, T y)",
        doc: "Compares two objects and returns a value indicating whether one is less, equal or greater.",
      },
    ],
  },
  {
    ns,
    name: "KeyValuePair<TKey, TValue>",
    doc: "Defines a key/value pair that can be set or retrieved.",
    kind: "struct",
    complete: true,
    source: BCL,
    members: [
      {
        sig: "KeyValuePair(TKey key, TValue value)",
        doc: "Initializes a new instance of the KeyValuePair<TKey, TValue> structure with a key and value.",
      },
      { sig: "TKey Key { get; }", doc: "Gets the key in the key/value pair." },
      { sig: "TValue Value { get; }", doc: "Gets the value in the key/value pair." },
      {
        sig: "void Deconstruct(out TKey key, out TValue value)",
        doc: "Deconstructs the current KeyValuePair<TKey, TValue> into its key and value.",
      },
    ],
  },
  {
    ns,
    name: "List<T>",
    doc: "Represents a strongly typed list of objects that can be accessed by index.",
    kind: "class",
    interfaces: ["IList<T>", "IReadOnlyList<T>"],
    complete: true,
    source: BCL,
    members: [
      {
        sig: "List()",
        doc: "Initializes a new instance of the List<T> class, empty or with the elements of a collection.",
      },
      "List(int capacity)",
      "List(IEnumerable<T> collection)",
      {
        sig: "int Capacity { get; set; }",
        doc: "Gets or sets the total number of elements the internal data structure can hold without resizing.",
      },
      { sig: "int Count { get; }", doc: "Gets the number of elements contained in the List<T>." },
      { sig: "T this[int index] { get; set; }", doc: "Gets or sets the element at the specified index." },
      { sig: "void Add(T item)", doc: "Adds an object to the end of the List<T>." },
      {
        sig: "void AddRange(IEnumerable<T> collection)",
        doc: "Adds the elements of the specified collection to the end of the List<T>.",
      },
      { sig: "IReadOnlyList<T> AsReadOnly()", doc: "Returns a read-only wrapper for the current collection." },
      {
        sig: "int BinarySearch(T item)",
        doc: "Searches the sorted List<T> for an element and returns its zero-based index.",
      },
      { sig: "void Clear()", doc: "Removes all elements from the List<T>." },
      { sig: "bool Contains(T item)", doc: "Determines whether an element is in the List<T>." },
      {
        sig: "List<TOutput> ConvertAll<TOutput>(Converter<T, TOutput> converter)",
        doc: "Converts the elements in the current List<T> to another type, and returns a list of them.",
      },
      { sig: "void CopyTo(T[] array)", doc: "Copies the List<T> or a portion of it to an array." },
      "void CopyTo(T[] array, int arrayIndex)",
      {
        sig: "int EnsureCapacity(int capacity)",
        doc: "Ensures that the capacity of this list is at least the specified capacity.",
      },
      {
        sig: "bool Exists(Predicate<T> match)",
        doc: "Determines whether the List<T> contains elements that match the conditions of the predicate.",
      },
      {
        sig: "T Find(Predicate<T> match)",
        doc: "Returns the first element that matches the predicate, or the default of T.",
      },
      {
        sig: "List<T> FindAll(Predicate<T> match)",
        doc: "Retrieves all the elements that match the conditions defined by the specified predicate.",
      },
      {
        sig: "int FindIndex(Predicate<T> match)",
        doc: "Returns the zero-based index of the first element that matches the predicate, or -1.",
      },
      {
        sig: "T FindLast(Predicate<T> match)",
        doc: "Returns the last element that matches the predicate, or the default of T.",
      },
      {
        sig: "int FindLastIndex(Predicate<T> match)",
        doc: "Returns the zero-based index of the last element that matches the predicate, or -1.",
      },
      { sig: "void ForEach(Action<T> action)", doc: "Performs the specified action on each element of the List<T>." },
      { sig: "IEnumerator<T> GetEnumerator()", doc: "Returns an enumerator that iterates through the List<T>." },
      {
        sig: "List<T> GetRange(int index, int count)",
        doc: "Creates a shallow copy of a range of elements in the source List<T>.",
      },
      {
        sig: "int IndexOf(T item)",
        doc: "Returns the zero-based index of the first occurrence of a value in the List<T>, or -1.",
      },
      "int IndexOf(T item, int index)",
      { sig: "void Insert(int index, T item)", doc: "Inserts an element into the List<T> at the specified index." },
      {
        sig: "void InsertRange(int index, IEnumerable<T> collection)",
        doc: "Inserts the elements of a collection into the List<T> at the specified index.",
      },
      {
        sig: "int LastIndexOf(T item)",
        doc: "Returns the zero-based index of the last occurrence of a value in the List<T>, or -1.",
      },
      { sig: "bool Remove(T item)", doc: "Removes the first occurrence of a specific object from the List<T>." },
      {
        sig: "int RemoveAll(Predicate<T> match)",
        doc: "Removes all the elements that match the conditions defined by the specified predicate.",
      },
      { sig: "void RemoveAt(int index)", doc: "Removes the element at the specified index of the List<T>." },
      { sig: "void RemoveRange(int index, int count)", doc: "Removes a range of elements from the List<T>." },
      // List's own Reverse() returns void and hides LINQ's.
      { sig: "void Reverse()", doc: "Reverses the order of the elements in the List<T> or a portion of it." },
      "void Reverse(int index, int count)",
      {
        sig: "List<T> Slice(int start, int length)",
        doc: "Creates a shallow copy of a range of elements in the source List<T>.",
      },
      { sig: "void Sort()", doc: "Sorts the elements or a portion of the elements in the List<T>." },
      "void Sort(Comparison<T> comparison)",
      "void Sort(IComparer<T> comparer)",
      { sig: "T[] ToArray()", doc: "Copies the elements of the List<T> to a new array." },
      { sig: "void TrimExcess()", doc: "Sets the capacity to the actual number of elements in the List<T>." },
      {
        sig: "bool TrueForAll(Predicate<T> match)",
        doc: "Determines whether every element in the List<T> matches the conditions of the predicate.",
      },
    ],
  },
  {
    ns,
    name: "Dictionary<TKey, TValue>",
    doc: "Represents a collection of keys and values.",
    kind: "class",
    interfaces: ["IDictionary<TKey, TValue>", "IReadOnlyDictionary<TKey, TValue>"],
    complete: true,
    source: BCL,
    members: [
      { sig: "Dictionary()", doc: "Initializes a new instance of the Dictionary<TKey, TValue> class." },
      "Dictionary(int capacity)",
      "Dictionary(IEqualityComparer<TKey> comparer)",
      "Dictionary(int capacity, IEqualityComparer<TKey> comparer)",
      "Dictionary(IDictionary<TKey, TValue> dictionary)",
      "Dictionary(IDictionary<TKey, TValue> dictionary, IEqualityComparer<TKey> comparer)",
      "Dictionary(IEnumerable<KeyValuePair<TKey, TValue>> collection)",
      {
        sig: "IEqualityComparer<TKey> Comparer { get; }",
        doc: "Gets the IEqualityComparer<T> that is used to determine equality of keys.",
      },
      {
        sig: "int Count { get; }",
        doc: "Gets the number of key/value pairs contained in the Dictionary<TKey, TValue>.",
      },
      { sig: "TValue this[TKey key] { get; set; }", doc: "Gets or sets the value associated with the specified key." },
      // Really Dictionary<TKey, TValue>.KeyCollection / ValueCollection, which are ICollection<T> as far as a policy goes.
      {
        sig: "ICollection<TKey> Keys { get; }",
        doc: "Gets a collection containing the keys in the Dictionary<TKey, TValue>.",
      },
      {
        sig: "ICollection<TValue> Values { get; }",
        doc: "Gets a collection containing the values in the Dictionary<TKey, TValue>.",
      },
      { sig: "void Add(TKey key, TValue value)", doc: "Adds the specified key and value to the dictionary." },
      { sig: "void Clear()", doc: "Removes all keys and values from the Dictionary<TKey, TValue>." },
      {
        sig: "bool ContainsKey(TKey key)",
        doc: "Determines whether the Dictionary<TKey, TValue> contains the specified key.",
      },
      {
        sig: "bool ContainsValue(TValue value)",
        doc: "Determines whether the Dictionary<TKey, TValue> contains a specific value.",
      },
      {
        sig: "int EnsureCapacity(int capacity)",
        doc: "Ensures that the dictionary can hold up to a specified number of entries without growing.",
      },
      {
        sig: "IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()",
        doc: "Returns an enumerator that iterates through the Dictionary<TKey, TValue>.",
      },
      {
        sig: "bool Remove(TKey key)",
        doc: "Removes the value with the specified key from the Dictionary<TKey, TValue>.",
      },
      "bool Remove(TKey key, out TValue value)",
      {
        sig: "void TrimExcess()",
        doc: "Sets the capacity of this dictionary to what it would be if it had been originally initialized.",
      },
      {
        sig: "bool TryAdd(TKey key, TValue value)",
        doc: "Attempts to add the specified key and value to the dictionary.",
      },
      {
        sig: "bool TryGetValue(TKey key, out TValue value)",
        doc: "Gets the value associated with the specified key; returns whether the key was found.",
      },
    ],
  },
  {
    ns,
    name: "HashSet<T>",
    doc: "Represents a set of values.",
    kind: "class",
    interfaces: ["ISet<T>", "IReadOnlyCollection<T>"],
    complete: true,
    source: BCL,
    members: [
      {
        sig: "HashSet()",
        doc: "Initializes a new instance of the HashSet<T> class, empty or with the elements of a collection.",
      },
      "HashSet(IEnumerable<T> collection)",
      "HashSet(IEqualityComparer<T> comparer)",
      "HashSet(IEnumerable<T> collection, IEqualityComparer<T> comparer)",
      {
        sig: "IEqualityComparer<T> Comparer { get; }",
        doc: "Gets the IEqualityComparer<T> object that is used to determine equality for the values in the set.",
      },
      { sig: "int Count { get; }", doc: "Gets the number of elements that are contained in a set." },
      { sig: "bool Add(T item)", doc: "Adds the specified element to a set; returns whether it was added." },
      { sig: "void Clear()", doc: "Removes all elements from a HashSet<T> object." },
      { sig: "bool Contains(T item)", doc: "Determines whether a HashSet<T> object contains the specified element." },
      { sig: "void CopyTo(T[] array)", doc: "Copies the elements of a HashSet<T> object to an array." },
      {
        sig: "int EnsureCapacity(int capacity)",
        doc: "Ensures that this hash set can hold the specified number of elements without growing.",
      },
      {
        sig: "void ExceptWith(IEnumerable<T> other)",
        doc: "Removes all elements in the specified collection from the current HashSet<T> object.",
      },
      {
        sig: "IEnumerator<T> GetEnumerator()",
        doc: "Returns an enumerator that iterates through a HashSet<T> object.",
      },
      {
        sig: "void IntersectWith(IEnumerable<T> other)",
        doc: "Modifies the current set to contain only elements that are also in a specified collection.",
      },
      {
        sig: "bool IsProperSubsetOf(IEnumerable<T> other)",
        doc: "Determines whether a HashSet<T> object is a proper subset of the specified collection.",
      },
      {
        sig: "bool IsProperSupersetOf(IEnumerable<T> other)",
        doc: "Determines whether a HashSet<T> object is a proper superset of the specified collection.",
      },
      {
        sig: "bool IsSubsetOf(IEnumerable<T> other)",
        doc: "Determines whether a HashSet<T> object is a subset of the specified collection.",
      },
      {
        sig: "bool IsSupersetOf(IEnumerable<T> other)",
        doc: "Determines whether a HashSet<T> object is a superset of the specified collection.",
      },
      {
        sig: "bool Overlaps(IEnumerable<T> other)",
        doc: "Determines whether the current set and a specified collection share common elements.",
      },
      { sig: "bool Remove(T item)", doc: "Removes the specified element from a HashSet<T> object." },
      {
        sig: "int RemoveWhere(Predicate<T> match)",
        doc: "Removes all elements that match the conditions defined by the specified predicate.",
      },
      {
        sig: "bool SetEquals(IEnumerable<T> other)",
        doc: "Determines whether a HashSet<T> object and the specified collection contain the same elements.",
      },
      {
        sig: "void SymmetricExceptWith(IEnumerable<T> other)",
        doc: "Keeps only the elements that are in the set or in the collection, but not in both.",
      },
      {
        sig: "void TrimExcess()",
        doc: "Sets the capacity of a HashSet<T> object to the actual number of elements it contains.",
      },
      {
        sig: "bool TryGetValue(T equalValue, out T actualValue)",
        doc: "Searches the set for a given value and returns the equal value it finds, if any.",
      },
      {
        sig: "void UnionWith(IEnumerable<T> other)",
        doc: "Modifies the current set to contain all elements that are in itself, the collection, or both.",
      },
      {
        sig: "static IEqualityComparer<HashSet<T>> CreateSetComparer()",
        doc: "Returns an IEqualityComparer object that can be used for equality testing of a HashSet<T>.",
      },
    ],
  },
  {
    ns,
    name: "Queue<T>",
    doc: "Represents a first-in, first-out collection of objects.",
    kind: "class",
    interfaces: ["IReadOnlyCollection<T>"],
    complete: true,
    source: BCL,
    members: [
      {
        sig: "Queue()",
        doc: "Initializes a new instance of the Queue<T> class, empty or with the elements of a collection.",
      },
      "Queue(int capacity)",
      "Queue(IEnumerable<T> collection)",
      { sig: "int Count { get; }", doc: "Gets the number of elements contained in the Queue<T>." },
      { sig: "void Clear()", doc: "Removes all objects from the Queue<T>." },
      { sig: "bool Contains(T item)", doc: "Determines whether an element is in the Queue<T>." },
      {
        sig: "void CopyTo(T[] array, int arrayIndex)",
        doc: "Copies the Queue<T> elements to an existing one-dimensional array, from an array index.",
      },
      { sig: "T Dequeue()", doc: "Removes and returns the object at the beginning of the Queue<T>." },
      { sig: "void Enqueue(T item)", doc: "Adds an object to the end of the Queue<T>." },
      {
        sig: "int EnsureCapacity(int capacity)",
        doc: "Ensures that the capacity of this queue is at least the specified capacity.",
      },
      { sig: "IEnumerator<T> GetEnumerator()", doc: "Returns an enumerator that iterates through the Queue<T>." },
      { sig: "T Peek()", doc: "Returns the object at the beginning of the Queue<T> without removing it." },
      { sig: "T[] ToArray()", doc: "Copies the Queue<T> elements to a new array." },
      {
        sig: "void TrimExcess()",
        doc: "Sets the capacity to the actual number of elements in the Queue<T>, if under 90% of capacity.",
      },
      {
        sig: "bool TryDequeue(out T result)",
        doc: "Removes the object at the beginning of the Queue<T>, if any; returns whether there was one.",
      },
      {
        sig: "bool TryPeek(out T result)",
        doc: "Returns the object at the beginning of the Queue<T>, if any, without removing it.",
      },
    ],
  },
  {
    ns,
    name: "Stack<T>",
    doc: "Represents a variable size last-in-first-out (LIFO) collection of instances of the same type.",
    kind: "class",
    interfaces: ["IReadOnlyCollection<T>"],
    complete: true,
    source: BCL,
    members: [
      {
        sig: "Stack()",
        doc: "Initializes a new instance of the Stack<T> class, empty or with the elements of a collection.",
      },
      "Stack(int capacity)",
      "Stack(IEnumerable<T> collection)",
      { sig: "int Count { get; }", doc: "Gets the number of elements contained in the Stack<T>." },
      { sig: "void Clear()", doc: "Removes all objects from the Stack<T>." },
      { sig: "bool Contains(T item)", doc: "Determines whether an element is in the Stack<T>." },
      {
        sig: "void CopyTo(T[] array, int arrayIndex)",
        doc: "Copies the Stack<T> to an existing one-dimensional array, starting at the array index.",
      },
      {
        sig: "int EnsureCapacity(int capacity)",
        doc: "Ensures that the capacity of this stack is at least the specified capacity.",
      },
      { sig: "IEnumerator<T> GetEnumerator()", doc: "Returns an enumerator for the Stack<T>." },
      { sig: "T Peek()", doc: "Returns the object at the top of the Stack<T> without removing it." },
      { sig: "T Pop()", doc: "Removes and returns the object at the top of the Stack<T>." },
      { sig: "void Push(T item)", doc: "Inserts an object at the top of the Stack<T>." },
      { sig: "T[] ToArray()", doc: "Copies the Stack<T> to a new array." },
      {
        sig: "void TrimExcess()",
        doc: "Sets the capacity to the actual number of elements in the Stack<T>, if under 90% of capacity.",
      },
      {
        sig: "bool TryPeek(out T result)",
        doc: "Returns the object at the top of the Stack<T>, if any, without removing it.",
      },
      {
        sig: "bool TryPop(out T result)",
        doc: "Removes and returns the object at the top of the Stack<T>, if any; returns whether there was one.",
      },
    ],
  },
];
