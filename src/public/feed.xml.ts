import { emitPublic } from "../../loaders/site/public-data.ts";
import { buildFeed } from "../../loaders/site/public-feed.ts";
await emitPublic(buildFeed);
