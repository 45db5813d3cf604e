// `npm start`: ingest the default sample when the database is missing, build the site,
// and serve dist/ on http://127.0.0.1:3000 (PORT to change it).
//
// The server is the kernel's startSiteServer (core/static-server.ts), the same one the PDF
// printing and the browser tests use.
import { startSiteServer } from "../core/static-server.ts";
import { buildSite } from "./site-pipeline.ts";

const siteDir = await buildSite();
const site = await startSiteServer(siteDir, { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "127.0.0.1" });
console.log(`站点已启动：${site.url}`);
