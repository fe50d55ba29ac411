import { pbkdf2Sync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, passwordNeedsRehash, verifyPassword } from "../src/index.js";
import { DEFAULT_SCRYPT_PARAMS } from "../src/internal.js";

const fast = { ln: 4, r: 8, p: 1 };

/** Pleroma's encoding, written out here independently of the module under test. */
const pleromaB64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "").replaceAll("+", ".");

function pleromaHash(password: string, salt: Buffer, rounds: number, digest: "sha512" | "sha256" = "sha512") {
  const key = pbkdf2Sync(password, salt, rounds, 64, digest);
  return `$pbkdf2-${digest}$${rounds}$${pleromaB64(salt)}$${pleromaB64(key)}`;
}

describe("password hashes", () => {
  it("hashes with scrypt into a PHC string and verifies it", async () => {
    const stored = await hashPassword("correct horse", fast);
    expect(stored).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horse ", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same", fast), hashPassword("same", fast)]);
    expect(a).not.toBe(b);
  });

  it("uses the default cost, takes a measurable time, and does not block the event loop", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const stored = await hashPassword("correct horse");
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(stored.startsWith(`$scrypt$ln=${DEFAULT_SCRYPT_PARAMS.ln},r=8,p=1$`)).toBe(true);
    expect(elapsed).toBeGreaterThan(20);
    // The loop kept turning while the hash ran: the KDF yields.
    expect(ticks).toBeGreaterThanOrEqual(2);
    console.info(`hashPassword default cost: ${elapsed.toFixed(0)} ms`);
  });

  it("refuses a tampered key or salt", async () => {
    const stored = await hashPassword("pw", fast);
    const parts = stored.split("$");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    expect(await verifyPassword("pw", [...parts.slice(0, 4), flip(parts[4]!)].join("$"))).toBe(false);
    expect(await verifyPassword("pw", [...parts.slice(0, 3), flip(parts[3]!), parts[4]].join("$"))).toBe(false);
  });

  it("verifies Pleroma's own published test vector", async () => {
    // From Pleroma's test/pleroma/password_test.exs (password "password", 1 round).
    const stored =
      "$pbkdf2-sha512$1$QJpEYw8iBKcnY.4Rm0eCVw$UBPeWQ91RxSv3snxsb/ZzMeG/2aa03c541bbo8vQudREGNta5t8jBQrd00fyJp8RjaqfvgdZxy2rhSwljyu21g";
    expect(await verifyPassword("password", stored)).toBe(true);
    expect(await verifyPassword("Password", stored)).toBe(false);
  });

  it("verifies Pleroma hashes at its default 160000 rounds, with `+` written as `.`", async () => {
    // 0xfb 0xef encode to "++" in base64: the adapted alphabet must be decoded.
    const salt = Buffer.from([0xfb, 0xef, 0xbe, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const stored = pleromaHash("hunter2 ünïcödé", salt, 160_000);
    expect(stored.split("$")[3]).toContain(".");
    expect(await verifyPassword("hunter2 ünïcödé", stored)).toBe(true);
    expect(await verifyPassword("hunter2", stored)).toBe(false);
  });

  it("verifies pbkdf2-sha256 hashes too", async () => {
    const stored = pleromaHash("pw", Buffer.alloc(16, 7), 1000, "sha256");
    expect(await verifyPassword("pw", stored)).toBe(true);
    expect(await verifyPassword("px", stored)).toBe(false);
  });

  it.each([
    "",
    "plaintext",
    "$2b$12$abcdefghijklmnopqrstuv",
    "$scrypt$ln=99,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
    "$scrypt$ln=4,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$",
    "$scrypt$ln=4,r=8,p=1$not base64!$AAAA",
    "$pbkdf2-sha512$999999999$QJpEYw8iBKcnY.4Rm0eCVw$UBPe",
    "$pbkdf2-md5$1$QJpEYw8iBKcnY.4Rm0eCVw$UBPe",
    "$pbkdf2-sha512$0$QJpEYw8iBKcnY.4Rm0eCVw$UBPe",
  ])("treats the malformed or unsupported hash %j as a mismatch without throwing", async (stored) => {
    expect(await verifyPassword("password", stored)).toBe(false);
  });

  it("asks to re-hash Pleroma hashes and weak scrypt, not current ones", async () => {
    expect(passwordNeedsRehash(pleromaHash("pw", Buffer.alloc(16), 1))).toBe(true);
    expect(passwordNeedsRehash(await hashPassword("pw", fast))).toBe(true);
    expect(passwordNeedsRehash(await hashPassword("pw", fast), fast)).toBe(false);
    expect(passwordNeedsRehash("garbage")).toBe(true);
  });
});
