// Whether to print ANSI colours: --color / --no-color first, then FORCE_COLOR and NO_COLOR, then a TTY check.

/** `flag`: true for --color, false for --no-color, undefined when neither was given. */
export function useColor(
  env: NodeJS.ProcessEnv,
  stream: { isTTY?: boolean },
  toFile: boolean,
  flag?: boolean,
): boolean {
  if (flag !== undefined) return flag;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return !toFile && stream.isTTY === true;
}
