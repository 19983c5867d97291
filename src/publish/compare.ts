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

/**
 * A unified diff from the service's text (`from`) to the wanted one (`to`); an absent side is /dev/null. Line
 * endings are unified so CRLF is no noise.
 */
export function unifiedDiff(
  labels: { from: string; to: string },
  before: string | undefined,
  after: string | undefined,
): string {
  const lf = (s: string | undefined) =>
    s === undefined
      ? ""
      : `${s
          .replace(/^\uFEFF/, "")
          .replace(/\r\n?/g, "\n")
          .replace(/\n?$/, "\n")}`;
  return createTwoFilesPatch(
    before === undefined ? "/dev/null" : labels.from,
    after === undefined ? "/dev/null" : labels.to,
    lf(before),
    lf(after),
    undefined,
    undefined,
    { context: 3 },
  ).replace(/^=+\n/, ""); // createTwoFilesPatch starts with a "====" separator line
}
