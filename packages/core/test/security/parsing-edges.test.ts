/** Inputs that separate a guard from its mutants: half-bracketed addresses, spaced pack folders. */
import { describe, expect, it } from "vitest";
import { parseIp } from "../../src/net/ip-policy.js";
import { isValidEmojiFilename } from "../../src/services/emoji-packs/pack-names.js";

describe("parsing edges", () => {
  it("strips brackets only when both are there", () => {
    expect(parseIp("[::1]")).not.toBeNull();
    for (const half of ["[::1", "::1]", "[1.2.3.4"]) expect(parseIp(half), half).toBeNull();
  });

  it("refuses a pack folder segment that ends in a space", () => {
    expect(isValidEmojiFilename("dir/a.png")).toBe(true);
    expect(isValidEmojiFilename("dir /a.png")).toBe(false);
  });
});
