import { runBindingSuite } from "@pleroma-kit/testkit";
import { mountFastify } from "./mount-fastify.js";

runBindingSuite("fastify", mountFastify);
