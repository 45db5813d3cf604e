import { emitPublic } from "../../../loaders/site/public-data.ts";
import { publishedJson } from "../../../loaders/site/public-downloads.ts";
await emitPublic(publishedJson);
