// `npm run dev`: Framework's live preview (loaders re-run on demand).
import { cleanFrameworkCache, ensureDatabase, runFramework } from "./site-pipeline.ts";

const dbPath = await ensureDatabase();
cleanFrameworkCache();
await runFramework(["preview", "--no-open"], dbPath);
