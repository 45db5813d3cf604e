// Observable Framework configuration. Everything the pages need is bundled from
// node_modules: no web fonts (globalStylesheets: []), no CDN, no telemetry.
import { exportedRoutes } from "./loaders/site/routes.ts";

export default {
  title: "重庆市产品质量监督抽查",
  root: "src",
  // npm run build builds into a fresh folder beside dist/ (SPOTCHECK_FRAMEWORK_OUT) and swaps it in
  // when the build succeeded (loaders/cli/site-pipeline.ts); the browser tests build a site of their own elsewhere
  output: process.env.SPOTCHECK_FRAMEWORK_OUT ?? process.env.SPOTCHECK_SITE_OUT ?? "dist",
  globalStylesheets: [],
  search: false, // Framework's search splits on spaces and cuts at 15 characters: useless for Chinese (see /public/results)
  pager: false,
  footer: "重庆市市场监督管理局 · 产品质量监督抽查数据平台",
  // The feed keeps a stable address ("external" stops Framework from hashing it, so
  // subscriptions survive rebuilds); Inputs' stylesheet, copied once by the export to
  // /public/inputs.css, is linked "external" too, so Framework stores no second, hashed copy.
  head: '<link rel="icon" href="data:,"><meta name="referrer" content="no-referrer"><link rel="alternate external" type="application/atom+xml" title="抽查结果公告" href="/public/feed.xml"><link rel="stylesheet external" href="/public/inputs.css">',
  pages: [
    { name: "数据概况", path: "/data-status" },
    {
      name: "公开结果（社会公众）",
      open: true,
      pages: [
        { name: "抽查结果公告", path: "/public/" },
        { name: "结果查询", path: "/public/results" },
        { name: "社会公告与公示送达", path: "/public/notices" },
        { name: "按产品类别", path: "/public/categories" },
      ],
    },
    {
      name: "分析工作台",
      open: true,
      pages: [
        { name: "总览", path: "/workbench/" },
        { name: "探索", path: "/workbench/explorer" },
        { name: "漏斗图", path: "/workbench/funnel" },
        { name: "问题标记", path: "/workbench/flags" },
        { name: "程序审计", path: "/workbench/audit" },
        { name: "重点目录草案", path: "/workbench/catalogue" },
        { name: "暂缓公开批次", path: "/workbench/withheld" },
      ],
    },
    { name: "季度简报", path: "/briefing/" },
  ],
  // the routes the one-pass export wrote (loaders/site/export-site.ts): the config never opens the database
  dynamicPaths: exportedRoutes(),
};
