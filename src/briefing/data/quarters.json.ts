import { emitJson } from "../../../loaders/site/workbench-json.ts";
import { buildBriefingIndex } from "../../../loaders/site/briefing-pages.ts";
await emitJson(buildBriefingIndex);
