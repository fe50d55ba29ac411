/**
 * `@pleroma-kit/express`: mounts pleroma-kit in an Express 4 or 5 app. A shim over core's Node
 * bridge, which owns every body rule; requests that are not ours go on to the host with `next()`.
 * @packageDocumentation
 */
import type { PleromaKit } from "@pleroma-kit/core";
import { handleNodeRequest } from "@pleroma-kit/core/node";
import type { RequestHandler } from "express";

/** Options of the Express binding. */
export interface PleromaKitExpressOptions {
  /**
   * Match routes on the path below the mount point (`req.url`) instead of the full path the
   * client sent (`req.originalUrl`, the default). Only for hosts that serve the whole instance
   * below a prefix, e.g. `app.use("/social", pleromaKit(kit, { matchMountedPath: true }))`.
   */
  readonly matchMountedPath?: boolean;
}

/**
 * The Express middleware. Mount it before the host's 404 handler; a body parser mounted before
 * it is reused (`req.body`), one mounted after it never sees our requests.
 *
 * @example
 * app.use(express.json());
 * app.use(pleromaKit(kit));
 */
export function pleromaKit(kit: PleromaKit, options: PleromaKitExpressOptions = {}): RequestHandler {
  return (req, res, next) => {
    const url = options.matchMountedPath ? req.url : req.originalUrl;
    // Express 5 leaves `req.body` undefined when no parser ran; the bridge then streams.
    // `req.ip` honours the app's "trust proxy" setting; the socket's peer would be the proxy.
    handleNodeRequest(kit.fetch, req, res, { parsedBody: req.body as unknown, url, clientAddress: req.ip ?? null }).then(
      (handled) => {
        if (!handled) next();
      },
      // Only infrastructure failures get here: handler errors are already 500 responses.
      (error: unknown) => next(error),
    );
  };
}
