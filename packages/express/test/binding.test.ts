import type { RequestHandler } from "express";
import express from "express";
import { runBindingSuite, serveNode, type MountFn } from "@pleroma-kit/testkit";
import { pleromaKit } from "../src/index.js";

/** Reads multipart bodies to the end before pleroma-kit, as multer would. */
const drainMultipart: RequestHandler = (req, _res, next) => {
  if (!req.is("multipart/form-data")) return next();
  req.resume();
  req.once("end", () => next());
};

/** Express 5 the usual way: host parsers, pleroma-kit, host routes, Express's own 404. */
export const mountExpress: MountFn = async (kit, { hostBodyParser, hostMultipartReader, trustProxy }) => {
  const app = express();
  if (trustProxy) app.set("trust proxy", true);
  if (hostMultipartReader) app.use(drainMultipart);
  if (hostBodyParser) app.use(express.json(), express.urlencoded());
  app.use(pleromaKit(kit));
  app.get("/host/ping", (_req, res) => void res.type("text/plain").send("pong"));
  app.post("/host/echo", (req, res) => void res.json({ body: (req.body as unknown) ?? null }));
  return serveNode(app);
};

runBindingSuite("express", mountExpress);
