// The public site's main navigation, one list for the static pages (loaders/site/public/pages/
// layout.ts, written at export time) and the Framework pages (public-nav.ts, in the browser).
// Site paths without ".html"; each side makes them relative to its own page.

export const PUBLIC_NAV_LINKS: readonly { path: string; label: string }[] = [
  { path: "/public/", label: "抽查结果公告" },
  { path: "/public/results", label: "结果查询" },
  { path: "/public/notices/", label: "社会公告与公示送达" },
  { path: "/public/categories", label: "按产品类别" },
];

/** The site-wide Atom feed (its address must never change: subscriptions rely on it). */
export const PUBLIC_FEED_PATH = "/public/feed.xml";
