import { createMemoryStore } from "@pleroma-kit/store-memory";
import { createPleromaKit, silentLogger, staticEmojiCatalog, type PleromaKitOptions } from "../../src/index.js";
import { fakeHost } from "./fake-host.js";

/** A kit over the fake host and the memory store, with one local custom emoji `blobcat`. */
export function testKit(overrides: Partial<PleromaKitOptions> = {}) {
  const host = fakeHost();
  const logged: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const kit = createPleromaKit({
    baseUrl: "https://local.example",
    store: createMemoryStore(),
    host: host.ports,
    logger: { ...silentLogger, error: (message, fields) => void logged.push({ message, fields }) },
    emoji: staticEmojiCatalog([{ shortcode: "blobcat", path: "/emoji/blobs/blobcat.png", tags: ["pack:blobs"] }]),
    ...overrides,
  });
  const call = async (method: string, path: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: BodyInit | undefined;
    if (init.body instanceof FormData || typeof init.body === "string") body = init.body as BodyInit;
    else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    const res = await kit.fetch(new Request(`http://internal${path}`, { method, headers, body }));
    if (!res) return { status: 0, body: null as unknown, headers: new Headers() };
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : null, headers: res.headers };
  };
  return { kit, host, call, logged };
}
