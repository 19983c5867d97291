// Deciding "unchanged" and showing what changes. APIM gives back a policy re-indented (tabs, CRLF, `<base />`
// spacing), so text is compared after normalising layout; the diff itself shows the real texts.
import { createTwoFilesPatch } from "diff";

/** Layout-insensitive form of a policy: no BOM, LF, each line trimmed, blank lines dropped, `/>` spacing fixed. */
export function normalisePolicy(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n")
    .replace(/\s*\/>/g, " />");
}

export function samePolicy(a: string, b: string): boolean {
  return normalisePolicy(a) === normalisePolicy(b);
}

/** A unified diff from the service's text to the local one (line endings unified so CRLF is no noise). */
export function unifiedDiff(label: string, before: string | undefined, after: string | undefined): string {
  const lf = (s: string | undefined) =>
    s === undefined
      ? ""
      : `${s
          .replace(/^\uFEFF/, "")
          .replace(/\r\n?/g, "\n")
          .replace(/\n?$/, "\n")}`;
  return createTwoFilesPatch(
    before === undefined ? "/dev/null" : `a/${label}`,
    after === undefined ? "/dev/null" : `b/${label}`,
    lf(before),
    lf(after),
    undefined,
    undefined,
    { context: 3 },
  ).replace(/^=+\n/, ""); // createTwoFilesPatch starts with a "====" separator line
}
