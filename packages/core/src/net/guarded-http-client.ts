/**
 * The default {@link HttpClient}: the SSRF guard every remote fetch goes through (security.md
 * "Remote fetches"). http(s) only; the address is checked where the socket is opened (a custom
 * `lookup` for names, a direct check for literals), so a DNS answer that changes between a check
 * and the connect (rebinding) cannot slip through; redirects are followed by hand and each hop is
 * checked again; the body is capped and the whole exchange has one deadline.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { HttpClient, HttpFailure, HttpFailureKind, HttpGetOptions, HttpResult } from "../ports/http-client.js";
import { inCidr, isSpecialUse, parseCidr, parseIp, type Cidr } from "./ip-policy.js";

/** A resolved address as `dns.lookup(..., { all: true })` reports it. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export interface GuardedHttpClientOptions {
  /**
   * Exceptions to the address rules: CIDRs or single addresses (`127.0.0.1/32`, `::1`,
   * `10.0.0.0/8`) and exact host names (`packs.internal`). For tests and private deployments.
   */
  readonly allow?: readonly string[];
  /** Default body cap. Default 50 MB. */
  readonly maxBytes?: number;
  /** Default overall deadline. Default 30 s. */
  readonly timeoutMs?: number;
  /** Redirect hops followed before giving up. Default 5. */
  readonly maxRedirects?: number;
  /** Name resolution; tests stub it so no query or packet leaves the machine. Default: `dns.lookup`. */
  readonly resolve?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
  readonly userAgent?: string;
}

/** The rejection of a guarded fetch. */
export class RemoteFetchError extends Error implements HttpFailure {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "RemoteFetchError";
  }
}

/**
 * Builds the guarded client.
 *
 * @example
 * // Let a test instance on loopback fetch from another one; everything else stays refused.
 * const http = guardedHttpClient({ allow: ["127.0.0.1/32"] });
 */
export function guardedHttpClient(options: GuardedHttpClientOptions = {}): HttpClient {
  const allowCidrs: Cidr[] = [];
  const allowHosts = new Set<string>();
  for (const entry of options.allow ?? []) {
    const cidr = parseCidr(entry);
    if (cidr) allowCidrs.push(cidr);
    else if (/^[a-z0-9.-]+$/i.test(entry)) allowHosts.add(entry.toLowerCase());
    else throw new TypeError(`pleroma-kit: invalid allow-list entry ${JSON.stringify(entry)}`);
  }
  const resolve =
    options.resolve ??
    (async (hostname: string) => (await dnsLookup(hostname, { all: true, verbatim: true })) as ResolvedAddress[]);
  const maxRedirects = options.maxRedirects ?? 5;

  /** Throws unless the address may be connected to. */
  const checkAddress = (address: string, hostname: string): void => {
    const ip = parseIp(address);
    if (!ip) throw new RemoteFetchError("refused-address", `unparseable address for ${hostname}`);
    if (allowHosts.has(hostname.toLowerCase())) return;
    if (allowCidrs.some((c) => inCidr(ip.bytes, c))) return;
    if (isSpecialUse(ip.bytes)) throw new RemoteFetchError("refused-address", `address not allowed for ${hostname}`);
  };

  /** The socket's lookup: resolve, refuse if any answer is forbidden, connect only to checked ones. */
  const guardedLookup: LookupFunction = (hostname, opts, callback) => {
    resolve(hostname).then(
      (addresses) => {
        try {
          if (addresses.length === 0) throw new RemoteFetchError("network", `no address for ${hostname}`);
          for (const a of addresses) checkAddress(a.address, hostname);
        } catch (error) {
          callback(error as NodeJS.ErrnoException, "", 0);
          return;
        }
        const family = typeof opts === "object" ? opts.family : undefined;
        const usable = addresses.filter((a) => !family || a.family === family);
        if (typeof opts === "object" && opts.all) {
          (callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, [...usable]);
        } else {
          const first = usable[0] ?? addresses[0]!;
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, "", 0),
    );
  };

  async function get(url: string, getOptions: HttpGetOptions = {}): Promise<HttpResult> {
    const maxBytes = getOptions.maxBytes ?? options.maxBytes ?? 50_000_000;
    const timeoutMs = getOptions.timeoutMs ?? options.timeoutMs ?? 30_000;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = getOptions.signal ? AbortSignal.any([deadline, getOptions.signal]) : deadline;
    let current = parseTarget(url);
    for (let hop = 0; ; hop++) {
      const response = await once(current, signal, getOptions.accept, deadline);
      const location = response.headers.location;
      if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
        response.destroy();
        if (hop >= maxRedirects) throw new RemoteFetchError("too-many-redirects", `more than ${maxRedirects} redirects`);
        current = parseTarget(new URL(location, current).href);
        continue;
      }
      const body = await readCapped(response, maxBytes, signal, deadline);
      const type = response.headers["content-type"];
      return {
        status: response.statusCode ?? 0,
        url: current.href,
        contentType: type ? type.split(";")[0]!.trim().toLowerCase() : null,
        body,
      };
    }
  }

  function once(target: URL, signal: AbortSignal, accept: string | undefined, deadline: AbortSignal): Promise<IncomingMessage> {
    const hostname = target.hostname;
    // A literal address never reaches `lookup`: check it here.
    if (parseIp(hostname)) checkAddress(hostname, hostname);
    return new Promise((resolvePromise, reject) => {
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const req = send(
        target,
        {
          method: "GET",
          agent: false,
          lookup: guardedLookup,
          signal,
          headers: { accept: accept ?? "*/*", "user-agent": options.userAgent ?? "pleroma-kit" },
        },
        resolvePromise,
      );
      req.once("error", (error) => reject(asFailure(error, signal, deadline)));
      req.end();
    });
  }

  return { get };
}

function parseTarget(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new RemoteFetchError("refused-scheme", "not a URL");
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") {
    throw new RemoteFetchError("refused-scheme", `scheme ${target.protocol} not allowed`);
  }
  if (target.username || target.password) throw new RemoteFetchError("refused-scheme", "credentials in URL not allowed");
  return target;
}

async function readCapped(response: IncomingMessage, maxBytes: number, signal: AbortSignal, deadline: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new RemoteFetchError("too-large", `body of ${declared} bytes is over ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        response.destroy();
        throw new RemoteFetchError("too-large", `body is over ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw asFailure(error, signal, deadline);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function asFailure(error: unknown, signal: AbortSignal, deadline: AbortSignal): RemoteFetchError {
  if (error instanceof RemoteFetchError) return error;
  if (deadline.aborted) return new RemoteFetchError("timeout", "deadline passed");
  if (signal.aborted) return new RemoteFetchError("network", "aborted");
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof RemoteFetchError) return cause;
  return new RemoteFetchError("network", error instanceof Error ? error.message : String(error));
}
