// `npm run dev`: Framework's live preview (loaders re-run on demand).
import { ensureDatabase, prepareFrameworkCache, runFramework } from "./site-pipeline.ts";

const dbPath = await ensureDatabase();
prepareFrameworkCache();
await runFramework(["preview", "--no-open"], dbPath);
