/** This server's host ports pass pleroma-kit's host-port contract, over its own tables. */
import Database from "better-sqlite3";
import { runHostPortContract } from "@pleroma-kit/testkit";
import { hostPorts } from "../src/host-ports.js";
import { createSchema, serverData } from "../src/schema.js";

runHostPortContract({
  name: "existing server",
  makeHost: () => {
    const db = new Database(":memory:");
    createSchema(db);
    const data = serverData(db, { passwordParams: { ln: 4, r: 8, p: 1 } }); // fast hashes for tests
    return {
      ports: hostPorts(db, "https://server.example"),
      addAccount: async (nickname) => String(await data.createUser(nickname, `${nickname}-password`)),
      issueToken: async (userId, scopes) => data.issueToken(Number(userId), scopes),
      addStatus: async (authorId, { visibility, text = "", mentions = [] }) => String(data.postStatus(Number(authorId), text, visibility, mentions.map(Number)).id),
      follow: async (a, b) => data.relate("follow", Number(a), Number(b)),
      block: async (a, b) => data.relate("block", Number(a), Number(b)),
      mute: async (a, b) => data.relate("mute", Number(a), Number(b)),
      deactivate: async (userId) => data.setActive(Number(userId), false),
      close: async () => void db.close(),
    };
  },
});
