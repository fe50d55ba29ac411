/**
 * The admin configuration endpoints, reduced to what is honest for a library: Akkoma keeps its
 * whole runtime configuration in the database and lets admins edit it; pleroma-kit is configured
 * by its embedder in code, so these endpoints only *show* the settings the library itself applies
 * (the emoji group), read-only, and a reboot is never needed. This is what admin-fe needs to build
 * its Settings menu and open Settings → Emoji, where packs are managed.
 */
import { okAsync } from "neverthrow";
import type { Outcome } from "../../result.js";
import { PACK_FOLDER_EXTENSIONS } from "../emoji-packs/pack-emoji-catalog.js";

/** One entry of `GET /admin/config`'s `configs` (Akkoma's shape; values in its tuple encoding). */
export interface AdminConfigEntry {
  readonly group: string;
  readonly key: string;
  readonly value: unknown;
  /** The sub-keys stored in the database: none here, nothing is stored. */
  readonly db: readonly string[];
}

/** One setting's description as admin-fe renders it. */
export interface AdminConfigDescription {
  readonly group: string;
  readonly key: string;
  readonly type: string | readonly string[];
  readonly label?: string;
  readonly description: string;
  readonly suggestions?: readonly unknown[];
  readonly children?: readonly AdminConfigDescription[];
}

export class AdminConfigService {
  /** `GET /admin/config`: the emoji group with the values the pack code applies. */
  config(): Outcome<{ configs: AdminConfigEntry[]; need_reboot: boolean }> {
    return okAsync({
      configs: [{ group: ":pleroma", key: ":emoji", value: [{ tuple: [":pack_extensions", [...PACK_FOLDER_EXTENSIONS]] }], db: [] }],
      need_reboot: false,
    });
  }

  /** `GET /admin/config/descriptions`: what the settings in `config()` mean. */
  descriptions(): Outcome<AdminConfigDescription[]> {
    return okAsync([
      {
        group: ":pleroma",
        key: ":emoji",
        type: "group",
        label: "Emoji",
        description: "Custom emoji settings. Set by the server's embedder in code; shown read-only.",
        children: [
          {
            group: ":pleroma",
            key: ":pack_extensions",
            type: ["list", "string"],
            label: "Pack extensions",
            description: "File extensions that make an emoji of a pack folder without pack.json or emoji.txt.",
            suggestions: [...PACK_FOLDER_EXTENSIONS],
          },
        ],
      },
    ]);
  }

  /** `GET /admin/need_reboot`: configuration is code, so a running server never waits for a reboot. */
  needReboot(): Outcome<{ need_reboot: boolean }> {
    return okAsync({ need_reboot: false });
  }
}
