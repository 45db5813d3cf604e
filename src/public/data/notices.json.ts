import { emitPublic } from "../../../loaders/site/public-data.ts";
import { buildNotices } from "../../../loaders/site/public-notices.ts";
await emitPublic(buildNotices);
