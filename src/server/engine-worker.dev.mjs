// Development and tests run casus from its TypeScript sources: an engine thread registers the same loader
// before it imports the engine. A build (dist/) runs engine-worker.js directly and never reads this file.
import { register } from "tsx/esm/api";

register();
const worker = await import("./engine-worker.ts");
export default worker.default;
