import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { guardedHttpClient } from "../src/index.js";
import { isSpecialUse, parseIp, type ResolvedAddress } from "../src/internal.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

/** A loopback server; `hits` counts the requests that reached it. */
async function loopback(handler: (path: string, res: import("node:http").ServerResponse) => void) {
  const state = { hits: 0 };
  const server = createServer((req, res) => {
    state.hits++;
    handler(req.url ?? "/", res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { port: (server.address() as AddressInfo).port, state };
}

/** A resolver that answers from a table and records every name asked: nothing leaves the machine. */
function stubResolver(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (name: string): Promise<ResolvedAddress[]> => {
    asked.push(name);
    const list = table[name];
    if (!list) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, asked };
}

describe("address policy", () => {
  it.each([
    "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1",
    "::", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::127.0.0.1", "fe80::1", "fe80::1%eth0",
    "fc00::1", "fd12:3456::1", "ff02::1", "64:ff9b::a00:1", "2002:7f00:1::", "2001:db8::1", "2001::1", "[::1]",
  ])("refuses %s", (address) => {
    expect(isSpecialUse(parseIp(address)!.bytes)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8"])(
    "allows the public address %s",
    (address) => {
      expect(isSpecialUse(parseIp(address)!.bytes)).toBe(false);
    },
  );
});

describe("guardedHttpClient", () => {
  it("fetches from a loopback instance only when the allow-list names it", async () => {
    const server = await loopback((_, res) => res.end("hello"));
    const allowed = guardedHttpClient({ allow: ["127.0.0.1/32"] });
    const res = await allowed.get(`http://127.0.0.1:${server.port}/x`);
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(res.body)).toBe("hello");

    const guarded = guardedHttpClient();
    await expect(guarded.get(`http://127.0.0.1:${server.port}/x`)).rejects.toMatchObject({ kind: "refused-address" });
    expect(server.state.hits).toBe(1);
  });

  it.each(["127.1", "0x7f.1", "2130706433", "0177.0.0.1", "[::]", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "0.0.0.0", "localhost"])(
    "refuses loopback spelled %s without connecting",
    async (host) => {
      const server = await loopback((_, res) => res.end("reached"));
      const { resolve } = stubResolver({ localhost: ["127.0.0.1"] });
      const client = guardedHttpClient({ resolve });
      await expect(client.get(`http://${host}:${server.port}/`)).rejects.toMatchObject({ kind: "refused-address" });
      expect(server.state.hits).toBe(0);
    },
  );

  it.each([
    ["private", "10.0.0.5"],
    ["link-local metadata", "169.254.169.254"],
    ["unique-local", "fd00::1"],
    ["one bad answer among good ones", "8.8.8.8,192.168.0.1"],
  ])("refuses a name resolving to a %s address (stubbed resolver)", async (_, answer) => {
    const { resolve, asked } = stubResolver({ "evil.example": answer.split(",") });
    const client = guardedHttpClient({ resolve });
    await expect(client.get("http://evil.example/")).rejects.toMatchObject({ kind: "refused-address" });
    expect(asked).toEqual(["evil.example"]);
  });

  it("checks the address at connect time: the lookup that is checked is the one connected to", async () => {
    const server = await loopback((_, res) => res.end("via-name"));
    const { resolve, asked } = stubResolver({ "rebind.test": ["127.0.0.1"] });
    await expect(guardedHttpClient({ resolve }).get(`http://rebind.test:${server.port}/`)).rejects.toMatchObject({ kind: "refused-address" });
    const allowed = guardedHttpClient({ resolve, allow: ["127.0.0.0/8"] });
    const res = await allowed.get(`http://rebind.test:${server.port}/`);
    expect(new TextDecoder().decode(res.body)).toBe("via-name");
    expect(asked).toEqual(["rebind.test", "rebind.test"]);
    expect(server.state.hits).toBe(1);
  });

  it("re-checks every redirect hop", async () => {
    const { resolve } = stubResolver({ "internal.example": ["10.1.1.1"] });
    const server = await loopback((path, res) => {
      const to = path === "/literal" ? "http://169.254.169.254/latest/meta-data" : path === "/name" ? "http://internal.example/" : "/ok";
      if (path === "/ok") return void res.end("ok");
      res.writeHead(302, { location: to }).end();
    });
    const client = guardedHttpClient({ resolve, allow: ["127.0.0.1"] });
    expect(new TextDecoder().decode((await client.get(`http://127.0.0.1:${server.port}/start`)).body)).toBe("ok");
    await expect(client.get(`http://127.0.0.1:${server.port}/literal`)).rejects.toMatchObject({ kind: "refused-address" });
    await expect(client.get(`http://127.0.0.1:${server.port}/name`)).rejects.toMatchObject({ kind: "refused-address" });
  });

  it("stops after five redirects", async () => {
    const server = await loopback((path, res) => res.writeHead(302, { location: `/r${Number(path.slice(2) || 0) + 1}` }).end());
    const client = guardedHttpClient({ allow: ["127.0.0.1"] });
    await expect(client.get(`http://127.0.0.1:${server.port}/r0`)).rejects.toMatchObject({ kind: "too-many-redirects" });
    expect(server.state.hits).toBe(6);
  });

  it("caps the body, whether declared or streamed", async () => {
    const server = await loopback((path, res) => {
      if (path === "/declared") return void res.writeHead(200, { "content-length": "5000" }).end("x".repeat(5000));
      res.writeHead(200);
      res.write("y".repeat(3000));
      res.end("y".repeat(3000));
    });
    const client = guardedHttpClient({ allow: ["127.0.0.1"], maxBytes: 4000 });
    await expect(client.get(`http://127.0.0.1:${server.port}/declared`)).rejects.toMatchObject({ kind: "too-large" });
    await expect(client.get(`http://127.0.0.1:${server.port}/chunked`)).rejects.toMatchObject({ kind: "too-large" });
    expect((await client.get(`http://127.0.0.1:${server.port}/chunked`, { maxBytes: 10_000 })).body.byteLength).toBe(6000);
  });

  it("gives up at the deadline", async () => {
    const server = await loopback((_, res) => {
      res.writeHead(200);
      res.write("slow");
      setTimeout(() => res.end(), 2000).unref();
    });
    const client = guardedHttpClient({ allow: ["127.0.0.1"], timeoutMs: 150 });
    const started = Date.now();
    await expect(client.get(`http://127.0.0.1:${server.port}/`)).rejects.toMatchObject({ kind: "timeout" });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it.each(["file:///etc/passwd", "ftp://example.com/x", "gopher://x/", "http://user:pw@example.com/", "not a url"])(
    "refuses %s",
    async (url) => {
      await expect(guardedHttpClient().get(url)).rejects.toMatchObject({ kind: "refused-scheme" });
    },
  );
});
