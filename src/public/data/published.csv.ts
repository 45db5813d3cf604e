import { emitPublic } from "../../../loaders/site/public-data.ts";
import { publishedCsv } from "../../../loaders/site/public-downloads.ts";
await emitPublic(publishedCsv);
