import { emitJson } from "../../loaders/site/workbench-json.ts";
import { buildWorkbenchCube } from "../../loaders/site/workbench-cube.ts";
await emitJson(buildWorkbenchCube);
