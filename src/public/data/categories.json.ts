import { emitPublic } from "../../../loaders/site/public-data.ts";
import { buildCategoryIndex } from "../../../loaders/site/public-categories.ts";
await emitPublic(buildCategoryIndex);
