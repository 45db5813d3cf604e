import { emitJson } from "../../loaders/site/workbench-json.ts";
import { buildWorkbenchAuditSummary } from "../../loaders/site/workbench-tables.ts";
await emitJson(buildWorkbenchAuditSummary);
