import { emitJson } from "../../loaders/site/workbench-json.ts";
import { loadRegionTileGrid } from "../../loaders/site/region-tile-grid.ts";
await emitJson(loadRegionTileGrid);
