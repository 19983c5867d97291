// The one-line descriptions of the model (model.ts's `doc`), as the language server shows them.
import type { MemberInfo } from "./lookup.js";

/**
 * The description of a member: its own, else the first of its overloads' (same name, same declaring type) that has
 * one, as the .NET docs give one summary per method group. Undefined when none has one.
 */
export function memberDoc(member: MemberInfo): string | undefined {
  if (member.doc !== undefined) return member.doc;
  return member.declaringType.members.get(member.name)?.find((m) => m.doc !== undefined)?.doc;
}
