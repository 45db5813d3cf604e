import { emitJson } from "../../loaders/site/workbench-json.ts";
import { buildWorkbenchOverview } from "../../loaders/site/workbench-overview.ts";
await emitJson(buildWorkbenchOverview);
