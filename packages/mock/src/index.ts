export { startMock, type StartMockOptions, type RunningMock, type MockMode } from "./start-mock.js";
export { specPath } from "./spec.js";
