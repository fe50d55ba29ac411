/** The single list of test projects; imported by vitest.config.ts (vitest 4 ignores this file on its own). */
export const projects = ["packages/*", "examples/*"];
