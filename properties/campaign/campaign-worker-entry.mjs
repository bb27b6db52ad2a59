// A campaign worker's first module, plain JavaScript: it loads the worker proper, which is TypeScript,
// through tsx's loader (a worker thread does not inherit the loader its parent was started with).
import { tsImport } from "tsx/esm/api";

await tsImport("./campaign-worker.ts", import.meta.url);
