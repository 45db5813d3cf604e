import { emitJson } from "../../loaders/site/workbench-json.ts";
import { buildWorkbenchFunnel } from "../../loaders/site/workbench-tables.ts";
await emitJson(buildWorkbenchFunnel);
