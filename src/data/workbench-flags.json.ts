import { emitJson } from "../../loaders/site/workbench-json.ts";
import { buildWorkbenchFlags } from "../../loaders/site/workbench-tables.ts";
await emitJson(buildWorkbenchFlags);
