export {
  startMock,
  type StartMockOptions,
  type StartPrismMockOptions,
  type StartSandboxOptions,
  type RunningMock,
  type RunningSandbox,
  type MockMode,
} from "./start-mock.js";
export { specPath, loadSpec } from "./spec.js";
export { applyDynamicOverlay } from "./dynamic-overlay.js";
export {
  createSandbox,
  DEMO_CREDENTIALS,
  ConnectionDroppedError,
  type Sandbox,
  type SandboxControl,
  type SandboxOptions,
  type SandboxCredentials,
  type RecordedRequest,
} from "./sandbox/sandbox.js";
export { createSandboxFetch, type SandboxFetch } from "./sandbox/sandbox-fetch.js";
export { SandboxInputError } from "./sandbox/errors.js";
export { MAX_REQUEST_BODY_BYTES } from "./sandbox/http-body.js";
export { parseFaultHeader, FAULT_HEADER, type Fault, type FaultConfig } from "./sandbox/faults.js";
export type { Customer, CustomerType } from "./sandbox/customers.js";
