import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@pleroma-kit/source"] },
  ssr: { resolve: { conditions: ["@pleroma-kit/source"] } },
  test: { name: "example-fastify-postgres" },
});
