// The type model of APIM policy expressions: data (context.ts, system.ts, ...), allow-list, and the lookups.
export { ALLOWED_TYPES, RESTRICTIONS } from "./allow-list.js";
export { CONTEXT_NAMESPACE } from "./context.js";
export { DENIED_TYPES } from "./denied.js";
export { memberDoc } from "./docs.js";
export { keywordType, TYPE_KEYWORDS } from "./keywords.js";
export {
  ALL_TYPE_DATA,
  type AllowStatus,
  type FoundMember,
  type MemberInfo,
  type MemberKind,
  type ParameterInfo,
  type TypeInfo,
  TypeModel,
  typeId,
  typeModel,
} from "./lookup.js";
export type * from "./model.js";
export { DOC_MAX_LENGTH } from "./model.js";
export * from "./type-ref.js";
