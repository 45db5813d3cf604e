import { emitPublic } from "../../../loaders/site/public-data.ts";
import { buildAnnouncements } from "../../../loaders/site/public-announcements.ts";
await emitPublic(buildAnnouncements);
