/** The HTTP binding suite and the pieces a binding's own tests reuse. */
export { runBindingSuite, type BindingSuiteOptions, type MountFn, type MountOptions, type MountedServer } from "./run-binding-suite.js";
export { createBindingKit, SUITE_UPLOAD_LIMIT, type BindingKit } from "./binding-kit.js";
export { fakeBindingHost, unusedStore, FAKE_CREDENTIALS } from "./fake-host.js";
export { bindingTestRoutes, type StreamProbe, type StreamProbes } from "./test-routes.js";
export { serveNode } from "./serve-node.js";
export { mastodonClient, type ClientAnswer, type MastodonClient, type SignedUpAccount } from "./mastodon-client.js";
