// The descriptive parts of `context` (Api, Operation, Product, Subscription, User, Deployment and their parts):
// records of fields, each with its .NET shape, filled from defaults and the test's overrides
// (EmulateOptions.context, keyed as the test file writes them: `{ api: { name: "a" } }`, camelCase of the member).
import { STRING } from "../../../policy/csharp/types/type-ref.js";
import { NotEmulated } from "../../errors.js";
import type { CallInfo, PropertyImpl, RuntimeRegistry, RuntimeType } from "../../runtime-types.js";
import { int, NetArray, NetEnum, type NetObject, type NetValue } from "../../values.js";
import { UrlModel } from "../message.js";
import { ReadOnlyDictionary } from "./dictionary.js";
import { ctxKey, ctxType, dateTime } from "./host.js";
import { UrlHost } from "./url.js";

type Shape =
  | "string"
  | "bool"
  | "int"
  | "int?"
  | "datetime"
  | "datetime?"
  | "strings"
  | "url"
  | { record: string }
  | { list: string }
  | { enum: string; values: readonly string[] }
  | "certificates";

/** Fields of each record type, by .NET member name. */
const SHAPES: Readonly<Record<string, Readonly<Record<string, Shape>>>> = {
  IContextApi: {
    Id: "string",
    Name: "string",
    Path: "string",
    Protocols: "strings",
    ServiceUrl: "url",
    SubscriptionKeyParameterNames: { record: "ISubscriptionKeyParameterNames" },
    IsCurrentRevision: "bool",
    Revision: "string",
    Version: "string",
  },
  IApi: {
    Id: "string",
    Name: "string",
    Path: "string",
    Protocols: "strings",
    ServiceUrl: "url",
    SubscriptionKeyParameterNames: { record: "ISubscriptionKeyParameterNames" },
  },
  ISubscriptionKeyParameterNames: { Header: "string", Query: "string" },
  IDeployment: {
    GatewayId: "string",
    Region: "string",
    ServiceId: "string",
    ServiceName: "string",
    Certificates: "certificates",
  },
  IOperation: { Id: "string", Method: "string", Name: "string", UrlTemplate: "string" },
  IProduct: {
    Apis: { list: "IApi" },
    ApprovalRequired: "bool",
    Groups: { list: "IGroup" },
    Id: "string",
    Name: "string",
    State: { enum: "ProductState", values: ["NotPublished", "Published"] },
    SubscriptionLimit: "int?",
    SubscriptionsLimit: "int?",
    SubscriptionRequired: "bool",
  },
  IGroup: { Id: "string", Name: "string" },
  ISubscription: {
    CreatedDate: "datetime",
    EndDate: "datetime?",
    Id: "string",
    Key: "string",
    Name: "string",
    PrimaryKey: "string",
    SecondaryKey: "string",
    StartDate: "datetime?",
  },
  IUser: {
    Email: "string",
    FirstName: "string",
    Groups: { list: "IGroup" },
    Id: "string",
    Identities: { list: "IUserIdentity" },
    LastName: "string",
    Note: "string",
    RegistrationDate: "datetime",
  },
  IUserIdentity: { Id: "string", Provider: "string" },
  ILastError: {
    Source: "string",
    Reason: "string",
    Message: "string",
    Scope: "string",
    Section: "string",
    Path: "string",
    PolicyId: "string",
  },
};

/** A JSON-like value of a field, as given in defaults or overrides; dates are ISO strings or ms numbers. */
export type FieldValue = string | number | boolean | null | undefined | FieldRecord | FieldValue[];
export interface FieldRecord {
  [name: string]: FieldValue;
}

export class RecordHost implements NetObject {
  readonly $type: string;
  constructor(
    readonly typeName: string,
    readonly fields: Readonly<Record<string, FieldValue>>,
  ) {
    this.$type = ctxKey(typeName);
  }
}

/** Merges overrides (camelCase keys) over defaults (PascalCase keys); an unknown key is an error naming it. */
export function buildRecord(
  typeName: string,
  defaults: Readonly<Record<string, FieldValue>>,
  overrides: unknown,
  where: string,
): RecordHost {
  const shape = SHAPES[typeName];
  if (!shape) throw new Error(`no record shape ${typeName}`);
  const fields: Record<string, FieldValue> = { ...defaults };
  if (overrides !== undefined && overrides !== null) {
    if (typeof overrides !== "object" || Array.isArray(overrides))
      throw new Error(`context override ${where}: expected an object`);
    for (const [k, v] of Object.entries(overrides as Record<string, unknown>)) {
      const member = Object.keys(shape).find((m) => m.toLowerCase() === k.toLowerCase());
      if (!member) {
        throw new Error(
          `context override ${where}.${k}: unknown member (known: ${Object.keys(shape).map(camel).join(", ")})`,
        );
      }
      const s = shape[member] as Shape;
      if (typeof s === "object" && "record" in s) {
        const inner = (defaults[member] as FieldRecord | undefined) ?? {};
        fields[member] = { ...buildRecord(s.record, inner, v, `${where}.${k}`).fields };
      } else fields[member] = v as FieldValue;
    }
  }
  return new RecordHost(typeName, fields);
}

function camel(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function toValue(registry: RuntimeRegistry, shape: Shape, v: FieldValue, call: CallInfo, where: string): NetValue {
  if (v === undefined || v === null) {
    if (shape === "bool" || shape === "int" || shape === "datetime")
      throw new NotEmulated(`${where} (no value given for a non-nullable member)`, call.at);
    if (shape === "strings") return new NetArray(STRING, []);
    if (typeof shape === "object" && "list" in shape) return new NetArray(ctxType(shape.list), []);
    return null;
  }
  if (shape === "string") return String(v);
  if (shape === "bool") return v === true || v === "true";
  if (shape === "int" || shape === "int?") return int(Number(v));
  if (shape === "datetime" || shape === "datetime?") {
    const ms = typeof v === "number" ? v : Date.parse(String(v));
    if (Number.isNaN(ms)) throw new Error(`context override ${where}: not a date: ${String(v)}`);
    return dateTime(registry, ms, call);
  }
  if (shape === "strings") return new NetArray(STRING, (Array.isArray(v) ? v : [v]).map(String));
  if (shape === "url") {
    const u = UrlModel.parse(String(v));
    return new UrlHost(() => u);
  }
  if (shape === "certificates") {
    return new ReadOnlyDictionary("matched", { keys: () => [], get: () => undefined });
  }
  if ("record" in shape) return new RecordHost(shape.record, v as FieldRecord);
  if ("list" in shape) {
    const items = (Array.isArray(v) ? v : [v]).map((x) => new RecordHost(shape.list, x as FieldRecord));
    return new NetArray(ctxType(shape.list), items);
  }
  const i = shape.values.indexOf(String(v));
  if (i < 0) throw new Error(`context override ${where}: ${String(v)} is not one of ${shape.values.join(", ")}`);
  return new NetEnum(ctxKey(shape.enum), String(v), i);
}

export function recordTypes(registry: RuntimeRegistry): RuntimeType[] {
  return Object.entries(SHAPES).map(([typeName, shape]) => {
    const instance: Record<string, PropertyImpl> = {};
    for (const [member, s] of Object.entries(shape)) {
      instance[member] = {
        kind: "property",
        get: (self, call) =>
          toValue(registry, s, (self as RecordHost).fields[member], call, `context ${typeName}.${member}`),
      };
    }
    return {
      key: ctxKey(typeName),
      supertypes: typeName === "IContextApi" ? [ctxKey("IApi"), "System.Object"] : ["System.Object"],
      instance,
    };
  });
}
