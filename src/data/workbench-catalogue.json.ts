import { emitJson } from "../../loaders/site/workbench-json.ts";
import { buildWorkbenchCatalogue } from "../../loaders/site/workbench-tables.ts";
await emitJson(buildWorkbenchCatalogue);
