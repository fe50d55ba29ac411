/**
 * `PATCH /api/v1/accounts/update_credentials` with the Pleroma fields the front ends send: display
 * name, note, locked, the hide_* and other profile switches, profile metadata, the front-end
 * settings store, and avatar/header uploads (through core's profile media). Unknown fields are
 * ignored, as Mastodon does; a bad value of a known field changes nothing.
 */
import { z } from "zod";
import { defineRoute, errAsync, fromPort, okAsync, schema, type Outcome, type RouteDefinition } from "@pleroma-kit/core";
import type { PleromaProfile, UserPatch } from "../host-data.js";
import type { MastodonRouteDeps } from "./deps.js";
import { invalid } from "./errors.js";
import { renderAccount } from "./lookups.js";

const { booleanLike, file, text } = schema;

const MAX_FIELDS = 10;

/** `fields_attributes` as JSON (array or index-keyed object) or as form keys `fields_attributes[0][name]`. */
export function fieldsAttributes(body: Record<string, unknown>): Array<{ name: string; value: string }> | undefined {
  let raw: unknown = body.fields_attributes;
  if (raw === undefined) {
    const indexed = new Map<string, { name?: string; value?: string }>();
    for (const [key, value] of Object.entries(body)) {
      const m = /^fields_attributes\[(\d+)\]\[(name|value)\]$/.exec(key);
      if (m && typeof value === "string") indexed.set(m[1]!, { ...indexed.get(m[1]!), [m[2]!]: value });
    }
    if (indexed.size === 0) return undefined;
    raw = Object.fromEntries(indexed);
  }
  const items = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? Object.entries(raw).sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v) : null;
  if (!items) throw invalid("fields_attributes is invalid", 422);
  return items
    .map((f) => ({ name: String((f as { name?: unknown })?.name ?? ""), value: String((f as { value?: unknown })?.value ?? "") }))
    .filter((f) => f.name !== "" || f.value !== "");
}

export function updateCredentialsRoutes({ host, services }: Pick<MastodonRouteDeps, "host" | "services">): RouteDefinition[] {
  const updateCredentials = defineRoute({
    name: "mastodon.updateCredentials",
    method: "PATCH",
    paths: ["/api/v1/accounts/update_credentials"],
    auth: "user",
    scopes: ["write:accounts"],
    from: ["body"],
    input: z.looseObject({
      display_name: text().max(100).optional(),
      note: text().max(5000).optional(),
      locked: booleanLike().optional(),
      bot: booleanLike().optional(),
      discoverable: booleanLike().optional(),
      hide_favorites: booleanLike().optional(),
      hide_followers: booleanLike().optional(),
      hide_follows: booleanLike().optional(),
      hide_followers_count: booleanLike().optional(),
      hide_follows_count: booleanLike().optional(),
      allow_following_move: booleanLike().optional(),
      skip_thread_containment: booleanLike().optional(),
      accepts_direct_messages_from: z.enum(["everybody", "people_i_follow", "nobody"]).optional(),
      pleroma_settings_store: z.union([z.record(z.string(), z.unknown()), text().max(100_000)]).optional(),
      avatar: z.union([file(), z.literal("")]).optional(),
      header: z.union([file(), z.literal("")]).optional(),
    }),
    summary: "Updates your profile (Mastodon's and Pleroma's fields; unknown ones ignored); answers the own account.",
    calls: ["profileMedia.updateImage"],
    handler: ({ viewer, input }) => {
      const me = viewer!.id;
      let fields: Array<{ name: string; value: string }> | undefined;
      let store: Record<string, unknown> | undefined;
      try {
        fields = fieldsAttributes(input);
        if (fields && fields.length > MAX_FIELDS) return errAsync(invalid(`Too many fields (at most ${MAX_FIELDS})`, 422));
        if (fields?.some((f) => f.name.length > 512 || f.value.length > 2048)) return errAsync(invalid("A field is too long", 422));
        const rawStore = input.pleroma_settings_store;
        store = typeof rawStore === "string" ? (JSON.parse(rawStore) as Record<string, unknown>) : rawStore;
        if (store !== undefined && (store === null || typeof store !== "object" || Array.isArray(store))) throw invalid("pleroma_settings_store must be an object", 422);
      } catch (error) {
        return errAsync(error instanceof SyntaxError ? invalid("pleroma_settings_store is not JSON", 422) : (error as ReturnType<typeof invalid>));
      }
      // Images first: an unreadable upload refuses the whole update before anything is stored.
      const image = (target: "avatar" | "banner", value: File | "" | undefined): Outcome<unknown> =>
        value === undefined ? okAsync(undefined) : services.profileMedia.updateImage(me, target, value);
      return image("avatar", input.avatar)
        .andThen(() => image("banner", input.header))
        .andThen(() =>
          fromPort(async () => {
            const user = await host.users.byId(me);
            const old: PleromaProfile = user?.profile ?? {};
            const set = <K extends keyof PleromaProfile>(key: K, value: PleromaProfile[K] | undefined) => (value === undefined ? {} : { [key]: value });
            const profile: PleromaProfile = {
              ...old,
              ...set("bot", input.bot),
              ...set("discoverable", input.discoverable),
              ...set("hideFollowers", input.hide_followers),
              ...set("hideFollows", input.hide_follows),
              ...set("hideFollowersCount", input.hide_followers_count),
              ...set("hideFollowsCount", input.hide_follows_count),
              ...set("skipThreadContainment", input.skip_thread_containment),
              ...set("acceptsDirectMessagesFrom", input.accepts_direct_messages_from),
              ...set("fields", fields),
              // The store is merged per front end, as Pleroma does.
              ...(store ? { settingsStore: { ...(old.settingsStore ?? {}), ...store } } : {}),
            };
            const patch: UserPatch = {
              ...(input.display_name !== undefined ? { displayName: input.display_name } : {}),
              ...(input.note !== undefined ? { note: input.note } : {}),
              ...(input.locked !== undefined ? { isLocked: input.locked } : {}),
              ...(input.hide_favorites !== undefined ? { hideFavorites: input.hide_favorites } : {}),
              ...(input.allow_following_move !== undefined ? { allowFollowingMove: input.allow_following_move } : {}),
              profile,
            };
            await host.users.update(me, patch);
          }),
        )
        .andThen(() => renderAccount(host, me, me));
    },
  });
  return [updateCredentials];
}
