import { emitPublic } from "../../../loaders/site/public-data.ts";
import { buildCategoryPageOfRoute } from "../../../loaders/site/public-categories.ts";
await emitPublic(buildCategoryPageOfRoute);
