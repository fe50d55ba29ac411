export type * from "./infrastructure.js";
export type * from "./auth.js";
export type * from "./host.js";
export type * from "./store.js";
export type * from "./files.js";
export type * from "./jobs.js";
export type * from "./http-client.js";
export type * from "./captcha.js";
