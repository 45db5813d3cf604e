// `npm run dev`: the one-pass export, then Framework's live preview. Preview serves the exported
// files as they are; run the export again (`npm run dev` anew) after an ingest to see new data.
import { ensureDatabase, exportSiteData, prepareFrameworkCache, runFramework } from "./site-pipeline.ts";

const dbPath = await ensureDatabase();
await exportSiteData(dbPath);
prepareFrameworkCache();
await runFramework(["preview", "--no-open"], dbPath);
