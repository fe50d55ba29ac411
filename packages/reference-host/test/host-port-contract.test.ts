/** The reference host's ports pass the host-port contract suite that embedders run on theirs. */
import { runHostPortContract } from "@pleroma-kit/testkit";
import { createMemoryHostData } from "../src/storage/memory/index.js";
import { createReferenceHost } from "../src/index.js";
import { FAST_PASSWORDS } from "./support.js";

runHostPortContract({
  name: "reference host (memory)",
  makeHost: () => {
    const host = createReferenceHost(createMemoryHostData(), { baseUrl: "https://local.example", passwordParams: FAST_PASSWORDS });
    return {
      ports: host.ports,
      addAccount: async (nickname) => (await host.users.register({ nickname, password: `${nickname}-password` })).id,
      issueToken: async (userId, scopes) => host.tokens.issue(userId, (await host.apps.create({ name: "contract", scopes: [...scopes] })).id, scopes),
      addStatus: async (authorId, { visibility, text = "", mentions = [] }) =>
        (await host.statuses.post({ authorId, content: text, visibility, mentionIds: mentions })).id,
      follow: (a, b) => host.relations.follow(a, b),
      block: (a, b) => host.relations.block(a, b),
      mute: (a, b) => host.relations.mute(a, b),
      deactivate: async (userId) => void (await host.data.users.update(userId, { isActive: false })),
    };
  },
});
