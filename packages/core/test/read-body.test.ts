import { describe, expect, it } from "vitest";
import { readBody } from "../src/http/read-body.js";

const post = (body: BodyInit | null, type?: string) =>
  new Request("http://x/", { method: "POST", body, headers: type ? { "content-type": type } : {} });

describe("readBody", () => {
  it("parses JSON, and treats a missing content type as JSON (Akkoma)", async () => {
    expect((await readBody(post('{"a":1}', "application/json"), 100))._unsafeUnwrap()).toEqual({ a: 1 });
    expect((await readBody(post(new TextEncoder().encode('{"a":1}')), 100))._unsafeUnwrap()).toEqual({ a: 1 });
  });

  it("answers {} for an empty JSON body (megalodon sends content-type json without a body)", async () => {
    expect((await readBody(post(null, "application/json"), 100))._unsafeUnwrap()).toEqual({});
    expect((await readBody(post("", "application/json"), 100))._unsafeUnwrap()).toEqual({});
  });

  it("refuses malformed JSON and non-object JSON with 400", async () => {
    expect((await readBody(post("{", "application/json"), 100))._unsafeUnwrapErr().status).toBe(400);
    expect((await readBody(post("[1]", "application/json"), 100))._unsafeUnwrapErr().status).toBe(400);
  });

  it("parses urlencoded bodies with list keys and repeated keys", async () => {
    const r = await readBody(post("a[]=1&a[]=2&b=x&c=1&c=2", "application/x-www-form-urlencoded"), 100);
    expect(r._unsafeUnwrap()).toEqual({ a: ["1", "2"], b: "x", c: ["1", "2"] });
  });

  it("parses multipart with files", async () => {
    const form = new FormData();
    form.append("name", "blob");
    form.append("file", new File([new Uint8Array([1, 2, 3])], "a.png", { type: "image/png" }));
    const req = new Request("http://x/", { method: "POST", body: form });
    const fields = (await readBody(req, 10_000))._unsafeUnwrap();
    expect(fields.name).toBe("blob");
    expect(fields.file).toBeInstanceOf(File);
    expect(new Uint8Array(await (fields.file as File).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("enforces the size limit while streaming, even without content-length", async () => {
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(50));
        c.close();
      },
    });
    const req = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect((await readBody(req, 200))._unsafeUnwrapErr().code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("reuses a body a host middleware parsed, and fails fast when a multipart stream is gone", async () => {
    expect((await readBody(post(null, "application/json"), 100, { parsedBody: { a: 1 }, bodyConsumed: true }))._unsafeUnwrap()).toEqual({ a: 1 });
    expect((await readBody(post(null, "multipart/form-data; boundary=x"), 100, { bodyConsumed: true }))._unsafeUnwrapErr().code).toBe(
      "BODY_ALREADY_CONSUMED",
    );
  });

  it("drops prototype-polluting keys", async () => {
    const r = await readBody(post("__proto__[x]=1&constructor=2&ok=3&__proto__=4&prototype[]=5", "application/x-www-form-urlencoded"), 100);
    // Own keys, not toEqual: an own `__proto__` key is exactly what toEqual could overlook.
    expect(Object.keys(r._unsafeUnwrap())).toEqual(["__proto__[x]", "ok"]);
    expect(r._unsafeUnwrap()).toEqual({ "__proto__[x]": "1", ok: "3" });
    expect(Object.getPrototypeOf(r._unsafeUnwrap())).toBe(Object.prototype);
  });

  it("refuses unknown content types", async () => {
    expect((await readBody(post("x", "text/plain"), 100))._unsafeUnwrapErr().code).toBe("UNSUPPORTED_CONTENT_TYPE");
  });
});
