// Before and after every engine test, in every file: the engine config's files share one module graph
// (isolate: false), so world.ts's own hooks would attach to the first file only.
import { afterEach, beforeEach } from "vitest";
import { endTest, startTest } from "./world.js";

beforeEach(startTest);
afterEach(endTest);
