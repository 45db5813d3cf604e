import { emitPublic } from "../../loaders/site/public-data.ts";
import { buildWithheldPage } from "../../loaders/disclosure/withheld-page.ts";
await emitPublic(buildWithheldPage);
