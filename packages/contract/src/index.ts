export { listResponseExamples, type ResponseExample } from "./examples.js";
