// `npm run dev`: Framework's live preview (loaders re-run on demand).
import { ensureDatabase, exportSiteData, prepareFrameworkCache, runFramework } from "./site-pipeline.ts";

const dbPath = await ensureDatabase();
await exportSiteData(dbPath);
prepareFrameworkCache();
await runFramework(["preview", "--no-open"], dbPath);
