import { describe, expect, it } from "vitest";
import { fsErrorReason } from "../../src/util/fs-reason.js";

function errno(code: string, message = `${code}: something, open '/x'`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe("fsErrorReason", () => {
  it.each([
    ["ENOENT", "read", "no such file or folder"],
    ["ENOENT", "write", "no such folder"],
    ["EISDIR", "read", "is a folder"],
    ["EISDIR", "write", "it is a folder; expected a file path"],
    ["ENAMETOOLONG", "read", "the path or a name in it is too long"],
    ["EACCES", "read", "permission denied"],
    ["ENOTDIR", "read", "a part of the path is a file, not a folder"],
  ] as const)("%s (%s) -> %s", (code, doing, words) => {
    expect(fsErrorReason(errno(code), doing)).toBe(words);
  });

  it("an unknown code keeps Node's words without the code and the syscall", () => {
    expect(fsErrorReason(errno("EXDEV", "EXDEV: cross-device link not permitted, rename 'a' -> 'b'"))).toBe(
      "cross-device link not permitted",
    );
    expect(fsErrorReason(errno("EWHAT", "EWHAT"))).toBe("cannot be read");
    expect(fsErrorReason("plain")).toBe("plain");
  });
});
