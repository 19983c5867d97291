// The two ways evaluation fails, kept apart on purpose:
// - NetException is a .NET exception the policy's own C# could raise and catch (`try { } catch (FormatException)`);
//   uncaught, the gateway turns it into LastError (Reason ExpressionValueEvaluationFailure).
// - NotEmulated is the emulator saying it does not know: never catchable by the policy, never a guessed value.

/** Where in the policy file something happened (1-based line and column of the file as written). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export function formatLocation(at: SourceLocation | undefined): string {
  return at ? `${at.file}:${at.line}:${at.column}` : "<unknown location>";
}

/** A .NET exception: `type` is its simple .NET name (`NullReferenceException`, `FormatException`, ...). */
export class NetException extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly at?: SourceLocation,
    /** The .NET base types this one derives from, most derived first (for `catch (ArgumentException)`). */
    readonly bases: readonly string[] = NET_EXCEPTION_BASES[type] ?? ["Exception"],
  ) {
    super(message);
    this.name = type;
  }

  /** True when `catch (T)` catches it. */
  isA(type: string): boolean {
    return type === this.type || type === "Exception" || type === "System.Exception" || this.bases.includes(type);
  }
}

/** Inheritance of the exceptions the BCL methods raise, most derived base first (.NET BCL). */
const NET_EXCEPTION_BASES: Readonly<Record<string, readonly string[]>> = {
  ArgumentNullException: ["ArgumentException", "SystemException", "Exception"],
  ArgumentOutOfRangeException: ["ArgumentException", "SystemException", "Exception"],
  ArgumentException: ["SystemException", "Exception"],
  FormatException: ["SystemException", "Exception"],
  UriFormatException: ["FormatException", "SystemException", "Exception"],
  InvalidCastException: ["SystemException", "Exception"],
  InvalidOperationException: ["SystemException", "Exception"],
  NullReferenceException: ["SystemException", "Exception"],
  IndexOutOfRangeException: ["SystemException", "Exception"],
  KeyNotFoundException: ["SystemException", "Exception"],
  OverflowException: ["ArithmeticException", "SystemException", "Exception"],
  DivideByZeroException: ["ArithmeticException", "SystemException", "Exception"],
  ArithmeticException: ["SystemException", "Exception"],
  NotSupportedException: ["SystemException", "Exception"],
  JsonReaderException: ["JsonException", "Exception"],
  JsonSerializationException: ["JsonException", "Exception"],
  RegexMatchTimeoutException: ["TimeoutException", "SystemException", "Exception"],
  XmlException: ["SystemException", "Exception"],
};

/** The emulator does not implement `construct`: the run stops with this message, nothing is guessed. */
export class NotEmulated extends Error {
  constructor(
    readonly construct: string,
    readonly at?: SourceLocation,
  ) {
    super(`not emulated: ${construct} at ${formatLocation(at)}`);
    this.name = "NotEmulated";
  }
}
