/**
 * TOTP and base32 against the RFCs' own vectors (RFC 4648 section 10, RFC 6238 appendix B), and
 * the "exactly six ASCII digits" rule.
 */
import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "../../src/services/mfa/constant-time.js";
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  matchTotp,
  provisioningUri,
  timeStep,
  totpCode,
} from "../../src/services/mfa/totp.js";

const bytes = (s: string) => new TextEncoder().encode(s);
/** RFC 6238's SHA-1 seed, "12345678901234567890", in base32. */
const RFC_SECRET = base32Encode(bytes("12345678901234567890"));

describe("base32 (RFC 4648)", () => {
  const vectors: Array<[string, string]> = [
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ];

  it.each(vectors)("encodes %j as %s (no padding)", (plain, encoded) => {
    expect(base32Encode(bytes(plain))).toBe(encoded);
  });

  it.each(vectors)("decodes %j from %s, padded or lowercase", (plain, encoded) => {
    const padded = encoded + "=".repeat((8 - (encoded.length % 8)) % 8);
    for (const text of [encoded, padded, encoded.toLowerCase()]) expect(new TextDecoder().decode(base32Decode(text))).toBe(plain);
  });

  it("round-trips every byte value and the full alphabet", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base32Decode(base32Encode(all))).toEqual(all);
    expect(base32Encode(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBe("77777777");
    expect(base32Encode(new Uint8Array([0, 0, 0, 0, 0]))).toBe("AAAAAAAA");
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });

  it.each(["MZ1Q", "MZ XQ", "MZ=XQ", "MZ0Q", "MZ8Q"])("refuses %j", (text) => {
    expect(() => base32Decode(text)).toThrow(new TypeError("invalid base32"));
  });

  it("generates 160-bit secrets: 32 base32 characters, different every time", () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
  });
});

describe("TOTP (RFC 6238, SHA-1, six digits)", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1111111111, "050471"],
    [1234567890, "005924"],
    [2000000000, "279037"],
    [20000000000, "353130"],
  ])("at %i s the code is %s", (seconds, code) => {
    const at = new Date(seconds * 1000);
    expect(totpCode(RFC_SECRET, timeStep(at))).toBe(code);
    expect(matchTotp(RFC_SECRET, code, at)).toBe(timeStep(at));
  });

  it("steps are 30 s", () => {
    expect(timeStep(new Date(29_999))).toBe(0);
    expect(timeStep(new Date(30_000))).toBe(1);
    expect(timeStep(new Date(59_999))).toBe(1);
  });

  it("accepts one step of drift either way, not two", () => {
    const at = new Date(1111111109 * 1000);
    const step = timeStep(at);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), at)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), at)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), at)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 2), at)).toBeNull();
  });

  it.each([
    ["an extra digit", "0818040"],
    ["an extra leading digit", "1081804"],
    ["five digits", "81804"],
    ["a leading space", " 081804"],
    ["a trailing space", "081804 "],
    ["a trailing newline", "081804\n"],
    ["full-width digits", "０８１８０４"],
    ["Arabic-Indic digits", "٠٨١٨٠٤"],
    ["a sign", "+81804"],
    ["the empty string", ""],
  ])("never matches a code with %s", (_, code) => {
    expect(matchTotp(RFC_SECRET, code, new Date(1111111109 * 1000))).toBeNull();
  });

  it("builds Akkoma's provisioning URI", () => {
    expect(provisioningUri({ secret: "ABC", issuer: "My Kit", account: "alice@b" })).toBe(
      "otpauth://totp/My%20Kit:alice%40b?digits=6&issuer=My+Kit&period=30&secret=ABC",
    );
  });
});

describe("constantTimeEqual", () => {
  it("compares whole values, strings or bytes", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("", "")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("abcd", "abc")).toBe(false);
    expect(constantTimeEqual("", "a")).toBe(false);
    expect(constantTimeEqual("xbc", "abc")).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(constantTimeEqual("é", new Uint8Array([0xc3, 0xa9]))).toBe(true);
  });
});
