// Real-browser tests: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
// against the built site served from localhost — the same launch flags and server as
// `spotcheck briefing --pdf` (loaders/core/browser.ts). Never a downloaded browser.
import { chromiumInstalled, chromiumPath } from "../../loaders/core/browser.ts";

export { launchChromium, serveDirectory, type ServedSite as StaticSite } from "../../loaders/core/browser.ts";

export const CHROMIUM_PATH = chromiumPath();
export const chromiumAvailable = chromiumInstalled(CHROMIUM_PATH);
