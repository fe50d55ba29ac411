/**
 * Guards that other tests only exercise together with a second guard that masks them: the file
 * key check (behind the local file store), read-body's declared-length check (behind the streaming
 * limit) and key filter, and the address policy's allow-list, CIDR parsing and IPv6 forms.
 */
import { describe, expect, it } from "vitest";
import { joinFileKey, safeFileKey } from "../../src/files/safe-file-key.js";
import { readBody, queryFields, type BodySource } from "../../src/http/read-body.js";
import { inCidr, isSpecialUse, parseCidr, parseIp } from "../../src/net/ip-policy.js";
import { guardedHttpClient, RemoteFetchError } from "../../src/net/guarded-http-client.js";

describe("safeFileKey", () => {
  it.each(["a", "a/b.png", "emoji/pack one/x (1).png", "..a/b..c", "ä/ö", "x".repeat(1024)])("accepts %j", (key) => {
    expect(safeFileKey(key)).toBe(key);
  });

  it.each([
    ["empty", ""],
    ["over 1024 characters", "x".repeat(1025)],
    ["a leading slash", "/a"],
    ["a trailing slash", "a/"],
    ["an empty segment", "a//b"],
    ["a dot segment", "a/./b"],
    ["a leading dot segment", "./a"],
    ["a lone dot", "."],
    ["a parent segment", "a/../b"],
    ["a lone parent", ".."],
    ["a backslash", "a\\b"],
    ["a drive letter", "C:x"],
    ["a lowercase drive", "c:/x"],
    ["NUL", "a\u0000b"],
    ["a control character", "a\u001fb"],
    ["DEL", "a\u007fb"],
    ["a newline", "a\nb"],
  ])("refuses %s", (_, key) => {
    expect(safeFileKey(key)).toBeNull();
  });

  it("refuses what is not a string, and joins only safe parts", () => {
    expect(safeFileKey(5 as never)).toBeNull();
    expect(safeFileKey(null as never)).toBeNull();
    expect(joinFileKey("a", "b", "c.png")).toBe("a/b/c.png");
    expect(joinFileKey("a", "")).toBeNull();
    expect(joinFileKey("a", "../b")).toBeNull();
    expect(joinFileKey("/a")).toBeNull();
  });
});

describe("readBody", () => {
  /** A body source whose declared length and actual bytes may disagree, delivered in chunks. */
  function source(chunks: string[] | null, headers: Record<string, string>): BodySource {
    const encoded = chunks?.map((c) => new TextEncoder().encode(c));
    return {
      headers: new Headers(headers),
      body: encoded
        ? new ReadableStream<Uint8Array>({
            start(controller) {
              for (const c of encoded) controller.enqueue(c);
              controller.close();
            },
          })
        : null,
    };
  }
  const json = { "content-type": "application/json" };

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("{}"));
        controller.close();
      },
    });
    const r = await readBody({ headers: new Headers({ ...json, "content-length": "101" }), body }, 100);
    expect(r._unsafeUnwrapErr().code).toBe("PAYLOAD_TOO_LARGE");
    expect(body.locked).toBe(false); // no reader was ever taken
    expect((await readBody(source(null, { ...json, "content-length": "101" }), 100))._unsafeUnwrapErr().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("accepts a body of exactly the limit, declared or not, and refuses one byte more while streaming", async () => {
    const exact = `{"a":"${"x".repeat(92)}"}`;
    expect(exact).toHaveLength(100);
    expect((await readBody(source([exact], { ...json, "content-length": "100" }), 100)).isOk()).toBe(true);
    expect((await readBody(source([exact.slice(0, 50), exact.slice(50)], json), 100))._unsafeUnwrap()).toEqual({ a: "x".repeat(92) });
    const over = `{"a":"${"x".repeat(93)}"}`;
    expect((await readBody(source([over.slice(0, 60), over.slice(60)], json), 100))._unsafeUnwrapErr().code).toBe("PAYLOAD_TOO_LARGE");
    // a lying small declared length does not help
    expect((await readBody(source([over], { ...json, "content-length": "5" }), 100))._unsafeUnwrapErr().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("joins many chunks in order", async () => {
    const r = await readBody(source(['{"a"', ":", '"b', 'c"}'], json), 100);
    expect(r._unsafeUnwrap()).toEqual({ a: "bc" });
  });

  it("drops __proto__, prototype and constructor keys from forms, queries and host-parsed bodies", async () => {
    const form = await readBody(source(["__proto__=1&prototype=2&constructor=3&__proto__[]=4&ok=5"], { "content-type": "application/x-www-form-urlencoded" }), 100);
    expect(Object.keys(form._unsafeUnwrap())).toEqual(["ok"]);
    const query = queryFields(new URL("http://h/?prototype=1&__proto__=2&a[]=x&a[]=y"));
    expect(Object.keys(query)).toEqual(["a"]);
    expect(query.a).toEqual(["x", "y"]);
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "prototype": 1, "constructor": 2, "ok": 3}') as unknown;
    const hosted = await readBody(source(null, json), 100, { parsedBody: parsed });
    expect(Object.keys(hosted._unsafeUnwrap())).toEqual(["ok"]);
    expect(Object.getPrototypeOf(hosted._unsafeUnwrap())).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("treats a missing or empty body as no fields, and refuses JSON that is not an object", async () => {
    expect((await readBody(source(null, json), 100))._unsafeUnwrap()).toEqual({});
    expect((await readBody(source([""], json), 100))._unsafeUnwrap()).toEqual({});
    expect((await readBody(source(["  "], json), 100))._unsafeUnwrap()).toEqual({});
    expect((await readBody(source(["[1]"], json), 100))._unsafeUnwrapErr().message).toBe("JSON body must be an object.");
    expect((await readBody(source(["null"], json), 100))._unsafeUnwrapErr().message).toBe("JSON body must be an object.");
    expect((await readBody(source(["{"], json), 100))._unsafeUnwrapErr().message).toBe("Malformed JSON body.");
    expect((await readBody(source(['{"a":1}'], { "content-type": "application/activity+json" }), 100))._unsafeUnwrap()).toEqual({ a: 1 });
    expect((await readBody(source(['{"a":1}'], {}), 100))._unsafeUnwrap()).toEqual({ a: 1 });
  });
});

describe("address policy: parsing", () => {
  it("reads eight-group, compressed and dotted-quad IPv6 to the same bytes", () => {
    const full = parseIp("2001:0db8:0000:0000:0000:0000:0000:0001")!;
    expect(full.v4).toBe(false);
    expect([...full.bytes]).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIp("2001:db8::1")!.bytes).toEqual(full.bytes);
    expect(parseIp("[2001:db8::1]")!.bytes).toEqual(full.bytes);
    expect([...parseIp("1:2:3:4:5:6:7:8")!.bytes]).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect([...parseIp("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")!.bytes]).toEqual([...new Array(15).fill(255), 254]);
    expect([...parseIp("1::")!.bytes]).toEqual([0, 1, ...new Array(14).fill(0)]);
    expect([...parseIp("::ffff:1.2.3.4")!.bytes]).toEqual([...new Array(10).fill(0), 255, 255, 1, 2, 3, 4]);
    expect(parseIp("::ffff:1.2.3.4")!.bytes).toEqual(parseIp("::ffff:102:304")!.bytes);
    expect(parseIp("::ffff:1.2.3.4")!.bytes).toEqual(parseIp("1.2.3.4")!.bytes);
    expect(parseIp("1.2.3.4")!.v4).toBe(true);
    expect(parseIp(" fe80::1%eth0 ")!.bytes).toEqual(parseIp("fe80::1")!.bytes);
  });

  it.each(["", "1.2.3", "256.1.1.1", "1.2.3.4.5", "::g", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "example.com", "[1.2.3.4"])(
    "does not parse %j",
    (s) => {
      expect(parseIp(s)).toBeNull();
    },
  );

  it("parses CIDR prefixes in decimal, within 0-32 for IPv4 and 0-128 for IPv6", () => {
    expect(parseCidr("10.0.0.0/8")!.bits).toBe(104);
    expect(parseCidr("10.0.0.1")!.bits).toBe(128);
    expect(parseCidr("0.0.0.0/0")!.bits).toBe(96);
    expect(parseCidr("1.2.3.4/32")!.bits).toBe(128);
    expect(parseCidr("::/0")!.bits).toBe(0);
    expect(parseCidr("fd00::/8")!.bits).toBe(8);
    expect(parseCidr("::1")!.bits).toBe(128);
    expect(parseCidr("::1/128")!.bits).toBe(128);
    for (const bad of ["10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/8.5", "10.0.0.1/", "10.0.0.0/ 8", "10.0.0.0/0x8", "10.0.0.0/1e1", "x/8", "/8", "10.0.0.0/8/8"]) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });

  it("matches prefixes that end inside a byte, and /0 matches everything", () => {
    const cgnat = parseCidr("100.64.0.0/10")!;
    expect(inCidr(parseIp("100.64.0.0")!.bytes, cgnat)).toBe(true);
    expect(inCidr(parseIp("100.127.255.255")!.bytes, cgnat)).toBe(true);
    expect(inCidr(parseIp("100.128.0.0")!.bytes, cgnat)).toBe(false);
    expect(inCidr(parseIp("100.63.255.255")!.bytes, cgnat)).toBe(false);
    const v6 = parseCidr("2001::/23")!;
    expect(inCidr(parseIp("2001:1ff:ffff::")!.bytes, v6)).toBe(true);
    expect(inCidr(parseIp("2001:200::")!.bytes, v6)).toBe(false);
    expect(inCidr(parseIp("8.8.8.8")!.bytes, parseCidr("0.0.0.0/0")!)).toBe(true);
    expect(inCidr(parseIp("2606::1")!.bytes, parseCidr("0.0.0.0/0")!)).toBe(false);
    expect(inCidr(parseIp("2606::1")!.bytes, parseCidr("::/0")!)).toBe(true);
    expect(inCidr(parseIp("10.0.0.1")!.bytes, parseCidr("10.0.0.1")!)).toBe(true);
    expect(inCidr(parseIp("10.0.0.2")!.bytes, parseCidr("10.0.0.1")!)).toBe(false);
  });
});

describe("address policy: every special-use block, at both ends", () => {
  const special = [
    "0.0.0.0", "0.255.255.255", "10.0.0.0", "10.255.255.255", "100.64.0.0", "100.127.255.255", "127.0.0.0",
    "127.255.255.255", "169.254.0.0", "169.254.255.255", "172.16.0.0", "172.31.255.255", "192.0.0.0", "192.0.0.255",
    "192.0.2.0", "192.0.2.255", "192.31.196.0", "192.31.196.255", "192.52.193.0", "192.52.193.255", "192.88.99.0",
    "192.88.99.255", "192.168.0.0", "192.168.255.255", "192.175.48.0", "192.175.48.255", "198.18.0.0", "198.19.255.255",
    "198.51.100.0", "198.51.100.255", "203.0.113.0", "203.0.113.255", "224.0.0.0", "239.255.255.255", "240.0.0.0",
    "255.255.255.255",
    "::", "::1", "::ffff:ffff", "::ffff:0:808:808", "0:0:0:0:ffff:0:ffff:ffff", "64:ff9b::808:808", "64:ff9b::ffff:ffff",
    "64:ff9b:1::1", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "100::", "100::ffff:ffff:ffff:ffff", "2001::",
    "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2002::",
    "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "5f00::",
    "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::",
    "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ff00::",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  ];
  const open = [
    "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
    "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.0", "192.0.3.0", "192.31.195.255",
    "192.31.197.0", "192.52.192.255", "192.52.194.0", "192.88.98.255", "192.88.100.0", "192.167.255.255", "192.169.0.0",
    "192.175.47.255", "192.175.49.0", "198.17.255.255", "198.20.0.0", "198.51.99.255", "198.51.101.0",
    "203.0.112.255", "203.0.114.0", "223.255.255.255", "::ffff:8.8.8.8",
    "0:0:0:1::", "0:0:0:0:fffe::", "64:ff9b:0:0:1::", "64:ff9b:2::", "100:0:0:1::", "2001:200::", "2001:db9::",
    "2003::", "3fff:1000::", "3ffe:ffff::", "5f01::", "5eff:ffff::", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    "fe00::", "fe7f:ffff::", "2000::1", "2606:4700::1111",
  ];

  it.each(special)("refuses %s", (address) => {
    expect(isSpecialUse(parseIp(address)!.bytes)).toBe(true);
  });

  it.each(open)("allows %s", (address) => {
    expect(isSpecialUse(parseIp(address)!.bytes)).toBe(false);
  });
});

describe("address policy: the allow-list", () => {
  /** A client whose resolver answers `address` for every name: refused before any packet is sent. */
  const refusedFor = async (allow: string[], address: string) => {
    const client = guardedHttpClient({ allow, resolve: async () => [{ address, family: address.includes(":") ? 6 : 4 }], timeoutMs: 2000 });
    const error = await client.get("http://target.test/").then(
      () => null,
      (e: unknown) => e,
    );
    return error instanceof RemoteFetchError && error.kind === "refused-address";
  };

  it("allowing 127.0.0.1/32 still refuses the metadata address, the rest of loopback and private ranges", async () => {
    expect(await refusedFor(["127.0.0.1/32"], "169.254.169.254")).toBe(true);
    expect(await refusedFor(["127.0.0.1/32"], "127.0.0.2")).toBe(true);
    expect(await refusedFor(["127.0.0.1/32"], "10.0.0.1")).toBe(true);
    expect(await refusedFor(["127.0.0.1"], "::1")).toBe(true);
    expect(await refusedFor(["::1"], "127.0.0.1")).toBe(true);
  });

  it("an IPv6 entry allows its block only", async () => {
    expect(await refusedFor(["fd00:1::/32"], "fd00:2::1")).toBe(true);
    expect(await refusedFor(["fd00:1::/32"], "fe80::1")).toBe(true);
  });

  it("an exact host name allows that host only", async () => {
    expect(await refusedFor(["packs.internal"], "10.0.0.1")).toBe(true);
  });

  it.each(["10.0.0.0/33", "::/129", "10.0.0.1/", "10.0.0.0/ 8", "10.0.0.0/0x8", "bad host/8", "a_b"])(
    "refuses the malformed allow-list entry %j at construction",
    (entry) => {
      expect(() => guardedHttpClient({ allow: [entry] })).toThrow(new TypeError(`pleroma-kit: invalid allow-list entry ${JSON.stringify(entry)}`));
    },
  );
});
