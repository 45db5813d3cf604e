import { emitJson } from "../../../loaders/site/workbench-json.ts";
import { buildBriefingForRoute } from "../../../loaders/site/briefing-pages.ts";
await emitJson(buildBriefingForRoute());
