import { databaseStatus } from "../../loaders/site/database-status.ts";

process.stdout.write(JSON.stringify(await databaseStatus()));
