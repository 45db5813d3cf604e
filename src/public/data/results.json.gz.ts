import { emitPublic } from "../../../loaders/site/public-data.ts";
import { publicResultsFile } from "../../../loaders/site/public-results.ts";
await emitPublic(publicResultsFile);
