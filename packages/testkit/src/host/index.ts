/** The embedder's side: the host-port contract suite and an in-memory fake host. */
export { runHostPortContract, type HostPortContractOptions } from "./host-port-contract.js";
export { createFakeHost, type FakeHost, type FakeNotification } from "./fake-host.js";
export type { HostPortFixture, MakeHostFixture, FixtureVisibility } from "./fixture.js";
