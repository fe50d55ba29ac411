/**
 * The kit every binding suite run mounts: the fake host, a store nothing touches, the suite's
 * test routes and a small upload limit, with errors captured instead of printed.
 */
import { createPleromaKit, memoryFileStore, silentLogger, type PleromaKit } from "@pleroma-kit/core";
import { fakeBindingHost, unusedStore } from "./fake-host.js";
import { bindingTestRoutes, type StreamProbes } from "./test-routes.js";

/** The suite's `instance.uploadLimit`: small, so the 413 tests send little. */
export const SUITE_UPLOAD_LIMIT = 32 * 1024;

/** A kit built for the binding suite, with the stream probes and the error log it writes to. */
export interface BindingKit {
  readonly kit: PleromaKit;
  readonly probes: StreamProbes;
  readonly logged: Array<{ message: string; fields?: Record<string, unknown> }>;
}

/** Builds a fresh kit for one mounted server, so no test sees another's probes or log lines. */
export function createBindingKit(): BindingKit {
  const probes: StreamProbes = new Map();
  const logged: BindingKit["logged"] = [];
  const kit = createPleromaKit({
    baseUrl: "https://binding-suite.example",
    store: unusedStore(),
    files: memoryFileStore(), // the suite keeps no files; said on purpose since the store is opaque
    host: fakeBindingHost(),
    logger: { ...silentLogger, error: (message, fields) => void logged.push({ message, fields }) },
    instance: { uploadLimit: SUITE_UPLOAD_LIMIT },
    extraRoutes: () => bindingTestRoutes(probes),
    // The login guards (MFA refusal of Basic, attempt limits) read the store, which this suite
    // leaves unusable; they are tested in core. The suite tests credential carriers only.
    accountSecurity: { disableGuards: true },
  });
  return { kit, probes, logged };
}
