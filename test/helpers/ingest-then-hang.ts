// Child process for test/derived-freshness.test.ts: runs the real ingest (ingestIntoDatabase,
// one write session with the refresh) and stops inside the refresh's transaction, after the
// writer of the table named on the command line, printing "IN-REFRESH <table>" — so the
// test can try the database from outside and then kill this process with SIGKILL.
// Usage: node --import tsx test/helpers/ingest-then-hang.ts <db> <stop-after-table> <file>...
import { ingestIntoDatabase } from "../../loaders/ingest/ingest.ts";
import { resolveDerivedContext } from "../../loaders/core/config.ts";

const [dbPath, stopAfter, ...files] = process.argv.slice(2);
await ingestIntoDatabase(dbPath, files, {
  refresh: resolveDerivedContext(),
  refreshHooks: {
    afterWriter: async (table) => {
      if (table !== stopAfter) return;
      process.stdout.write(`IN-REFRESH ${table}\n`);
      await new Promise(() => setInterval(() => {}, 1000)); // until killed
    },
  },
});
process.stdout.write("DONE\n");
