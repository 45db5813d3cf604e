import { emitJson } from "../../loaders/site/workbench-json.ts";
import { buildWorkbenchAuditRuleForRoute } from "../../loaders/site/workbench-tables.ts";
await emitJson(buildWorkbenchAuditRuleForRoute());
