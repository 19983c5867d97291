// A .NET exception as a value (`catch (Exception e)`, `new ArgumentException("x")`): a NetObject wrapping the
// NetException that travels as a JS exception while it is thrown.

import { NetException, type SourceLocation } from "../errors.js";
import type { NetObject } from "../values.js";

/** Exception types a policy can name by their simple name, and their type keys. */
export const EXCEPTION_KEYS: Readonly<Record<string, string>> = {
  Exception: "System.Exception",
  SystemException: "System.SystemException",
  ArgumentException: "System.ArgumentException",
  ArgumentNullException: "System.ArgumentNullException",
  ArgumentOutOfRangeException: "System.ArgumentOutOfRangeException",
  FormatException: "System.FormatException",
  UriFormatException: "System.UriFormatException",
  InvalidCastException: "System.InvalidCastException",
  InvalidOperationException: "System.InvalidOperationException",
  NullReferenceException: "System.NullReferenceException",
  IndexOutOfRangeException: "System.IndexOutOfRangeException",
  KeyNotFoundException: "System.Collections.Generic.KeyNotFoundException",
  OverflowException: "System.OverflowException",
  DivideByZeroException: "System.DivideByZeroException",
  ArithmeticException: "System.ArithmeticException",
  NotSupportedException: "System.NotSupportedException",
  NotImplementedException: "System.NotImplementedException",
  TimeoutException: "System.TimeoutException",
  JsonException: "Newtonsoft.Json.JsonException",
  JsonReaderException: "Newtonsoft.Json.JsonReaderException",
  JsonSerializationException: "Newtonsoft.Json.JsonSerializationException",
  RegexMatchTimeoutException: "System.Text.RegularExpressions.RegexMatchTimeoutException",
  XmlException: "System.Xml.XmlException",
};

/** The simple name of an exception type as written (`System.FormatException` -> `FormatException`). */
export function simpleExceptionName(written: string): string {
  return written.slice(written.lastIndexOf(".") + 1);
}

export class ExceptionObject implements NetObject {
  readonly $type: string;
  constructor(readonly error: NetException) {
    this.$type = EXCEPTION_KEYS[error.type] ?? `System.${error.type}`;
  }
}

/** The exception object `new T(message)` makes (the message .NET gives when none is passed). */
export function newException(
  simpleName: string,
  message: string | null,
  paramName: string | null,
  at?: SourceLocation,
): ExceptionObject {
  let text = message;
  if (simpleName === "ArgumentNullException") {
    // new ArgumentNullException(paramName): the one-argument form takes the parameter name (.NET Core wording).
    const base = message ?? "Value cannot be null.";
    text = paramName ? `${base} (Parameter '${paramName}')` : base;
  } else if (text === null) {
    text = `Exception of type '${EXCEPTION_KEYS[simpleName] ?? `System.${simpleName}`}' was thrown.`;
  } else if (paramName && (simpleName === "ArgumentException" || simpleName === "ArgumentOutOfRangeException")) {
    text = `${text} (Parameter '${paramName}')`;
  }
  return new ExceptionObject(new NetException(simpleName, text, at));
}
