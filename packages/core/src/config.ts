/**
 * Resolved kit configuration. Built once from `createPleromaKit` options; misconfiguration throws
 * there, never per request.
 */
import { z } from "zod";

export const kitOptionsSchema = z.object({
  /** Public base URL of the instance, e.g. `https://social.example`. Never taken from Host headers. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  instance: z
    .object({
      /** When false, anonymous requests to `optional` routes get 403 (Akkoma's `instance.public`). */
      public: z.boolean().default(true),
      /** Akkoma's `instance.healthcheck`; when false the endpoint answers 503 `{}`. */
      healthcheck: z.boolean().default(true),
      /** Akkoma's `instance.show_reactions`; when false reaction lists are `[]`. */
      showReactions: z.boolean().default(true),
      /** Largest request body in bytes (Akkoma's `instance.upload_limit`). */
      uploadLimit: z.number().int().positive().default(16_000_000),
    })
    .prefault({}),
});

export type KitConfigInput = z.input<typeof kitOptionsSchema>;

export interface KitConfig {
  readonly baseUrl: string;
  /** Host (and port) of `baseUrl`, used to tell local custom emoji from remote ones. */
  readonly localHost: string;
  readonly instance: {
    readonly public: boolean;
    readonly healthcheck: boolean;
    readonly showReactions: boolean;
    readonly uploadLimit: number;
  };
}

export function resolveConfig(input: KitConfigInput): KitConfig {
  const parsed = kitOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new TypeError(`pleroma-kit: invalid options: ${z.prettifyError(parsed.error)}`);
  }
  const baseUrl = parsed.data.baseUrl.replace(/\/+$/, "");
  return { baseUrl, localHost: new URL(baseUrl).host, instance: parsed.data.instance };
}
