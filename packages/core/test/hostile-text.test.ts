/**
 * Text input is refused at the edge with a 4xx when it holds a NUL byte, invalid UTF-8 or a lone
 * surrogate, so PostgreSQL (which fails on them) and SQLite/memory (which store them) answer alike.
 */
import { describe, expect, it } from "vitest";
import { okAsync } from "neverthrow";
import { z } from "zod";
import { defineRoute, schema } from "../src/index.js";
import { boundedKey } from "../src/services/mfa/attempt-limiter.js";
import { testKit } from "./support/kit.js";
import { createFakeWorld } from "./support/fake-world.js";

const seen: unknown[] = [];
const echo = defineRoute({
  name: "test.echo",
  method: "POST",
  paths: ["/api/v1/pleroma/test/echo"],
  auth: "none",
  input: z.object({ name: schema.text().optional() }).passthrough(),
  summary: "echo",
  handler: ({ input }) => {
    seen.push(input);
    return okAsync({ ok: true });
  },
});
const me = defineRoute({
  name: "test.me",
  method: "GET",
  paths: ["/api/v1/pleroma/test/me"],
  auth: "user",
  summary: "me",
  handler: ({ viewer }) => okAsync({ id: viewer!.id }),
});

async function raw(kit: ReturnType<typeof testKit>["kit"], path: string, body: BodyInit | undefined, headers: Record<string, string> = {}, method = "POST") {
  const res = await kit.fetch(new Request(`http://internal${path}`, { method, headers, body }));
  return { status: res!.status, body: (await res!.json()) as { error: string } };
}

describe("hostile text at the edge", () => {
  it("refuses NUL bytes and lone surrogates in JSON, form and query input with 400, before the handler", async () => {
    const { kit } = testKit({ extraRoutes: () => [echo, me] });
    seen.length = 0;
    const json = { "content-type": "application/json" };
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const cases: Array<[string, BodyInit | undefined, Record<string, string>]> = [
      ["/api/v1/pleroma/test/echo", '{"name":"nick\\u0000"}', json],
      ["/api/v1/pleroma/test/echo", '{"name":"\\ud800x"}', json],
      ["/api/v1/pleroma/test/echo", '{"deep":{"list":["ok","\\udc00"]}}', json],
      ["/api/v1/pleroma/test/echo", '{"na\\u0000me":"x"}', json],
      ["/api/v1/pleroma/test/echo", new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), json],
      ["/api/v1/pleroma/test/echo", "name=nick%00", form],
      ["/api/v1/pleroma/test/echo", "name=nick%FF", form],
      ["/api/v1/pleroma/test/echo?name=nick%00", undefined, {}],
      ["/api/v1/pleroma/test/echo?name=%ED%A0%80", undefined, {}],
    ];
    for (const [path, body, headers] of cases) {
      const res = await raw(kit, path, body, headers);
      expect(res.status, `${path} ${String(body)}`).toBe(400);
      expect(res.body.error).toMatch(/NUL|Unicode|UTF-8/);
    }
    expect(seen).toEqual([]);
    // Clean text, including astral characters and a literal `%`, still passes.
    expect((await raw(kit, "/api/v1/pleroma/test/echo?x=100%", '{"name":"café 😀 e\\u0301"}', json)).status).toBe(200);
    expect(seen).toEqual([{ name: "café 😀 e\u0301", x: "100%" }]);
  });

  it("treats Basic credentials with a NUL, invalid UTF-8 or an absurd length as no credentials (403), and hashes long limiter keys", async () => {
    const { kit } = testKit({ extraRoutes: () => [echo, me] });
    const basic = (bytes: Buffer) => ({ authorization: `Basic ${bytes.toString("base64")}` });
    for (const bytes of [Buffer.from("alice\0:secret"), Buffer.from([0x61, 0xff, 0x3a, 0x78]), Buffer.from(`${"a".repeat(600)}:secret`)]) {
      const res = await raw(kit, "/api/v1/pleroma/test/me", undefined, basic(bytes), "GET");
      expect(res.status).toBe(403);
      expect(res.body.error).toBe("Invalid credentials.");
    }
    expect((await raw(kit, "/api/v1/pleroma/test/me", undefined, basic(Buffer.from("alice:secret")), "GET")).status).toBe(200);
    const long = boundedKey(`password:login:${"é".repeat(300)}`);
    expect(long).toMatch(/^password:sha256:[0-9a-f]{64}$/);
    expect(boundedKey("password:u1")).toBe("password:u1");
  });

  it("refuses an import list that is UTF-16, invalid UTF-8 or holds a NUL with 400, creating no job", async () => {
    const w = createFakeWorld();
    const user = w.user();
    const lists = [
      new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x6c, 0x00]),
      new Uint8Array([0x61, 0x6c, 0xc3, 0x28]),
      new TextEncoder().encode("alice\0\nbob"),
    ];
    for (const bytes of lists) {
      const form = new FormData();
      form.append("list", new File([bytes], "list.csv", { type: "text/csv" }));
      const res = await w.call("POST", "/api/pleroma/follow_import", { token: user.token, form });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: "Import list is not UTF-8 text" });
    }
  });
});
