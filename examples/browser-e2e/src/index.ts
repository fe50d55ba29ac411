/** The browser end-to-end harness: what a flow file imports. See ../README.md. */
export { createAccount, passwordToken, apiClient, type Account, type ApiClient, type ApiResponse } from "./api.js";
export { ARTIFACTS_DIR, saveArtifacts, type SavedArtifacts } from "./artifacts.js";
export { CHROMIUM_FLAGS, DEFAULT_TIMEOUT, launchBrowser, newPageSession, type PageSession, type Problem } from "./browser.js";
export { ADMIN, startDemo, type DemoOptions, type E2EDemo } from "./demo.js";
export { unpackFrontend, type UnpackedFrontend } from "./frontends.js";
export { browserProblem, browserRequired, chromiumPath, describeWithBrowser, frontendArchive, sharedDir, type Frontend } from "./requirements.js";
export { useBrowserSuite, withPage, type BrowserSuite, type BrowserSuiteOptions } from "./suite.js";
