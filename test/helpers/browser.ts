// Real-browser tests: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
// against the built site served from localhost — the same launch flags and server as
// `spotcheck briefing --pdf` (loaders/core/browser.ts). Never a downloaded browser.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { chromiumInstalled, chromiumPath, launchChromium, serveDirectory, type ServedSite } from "../../loaders/core/browser.ts";

export { launchChromium, serveDirectory, type ServedSite as StaticSite } from "../../loaders/core/browser.ts";

export const CHROMIUM_PATH = chromiumPath();

/**
 * Whether the browser tests can run here. On a developer's machine without Chromium they
 * are skipped; in CI (the environment variable CI set) a missing Chromium is an error —
 * a CI run whose browser tests silently skipped would pass without having checked a page.
 */
export function browserTestsCanRun(path = CHROMIUM_PATH, env: NodeJS.ProcessEnv = process.env): boolean {
  if (chromiumInstalled(path)) return true;
  if (env.CI) {
    throw new Error(
      `CI 环境中找不到 Chromium（${path}）：浏览器测试不能跳过。` +
        "请在 CI 镜像中安装 Debian 的 chromium（apt-get install chromium），或把可执行文件路径设为 CHROMIUM_PATH。",
    );
  }
  return false;
}

/**
 * The built site served on 127.0.0.1 and Chromium, for the describe block it is called in:
 * opened before its tests, closed after them. Read `site` and `browser` inside the tests.
 */
export function siteInChromium(dir: string): { site: ServedSite; browser: Browser } {
  const opened = {} as { site: ServedSite; browser: Browser };
  beforeAll(async () => {
    opened.site = await serveDirectory(dir);
    opened.browser = await launchChromium();
  });
  afterAll(async () => {
    await opened.browser?.close();
    await opened.site?.close();
  });
  return opened;
}
