// `npm start`: ingest the default sample when the database is missing, build the site,
// and serve dist/ on http://127.0.0.1:3000 (PORT to change it).
import { createServer } from "node:http";
import sirv from "sirv";
import { buildSite } from "./site-pipeline.ts";

const siteDir = await buildSite();
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const serve = sirv(siteDir, { extensions: ["html"], dev: false });
createServer((req, res) => serve(req, res, () => {
  res.statusCode = 404;
  res.end("404");
})).listen(port, host, () => console.log(`站点已启动：http://${host}:${port}/`));
