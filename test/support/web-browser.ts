import { existsSync } from "node:fs";
import { type Browser, chromium, devices } from "playwright-core";

/**
 * The real headless Chromium the web chat's browser tests drive: Debian's `chromium` package
 * through playwright-core (no browser download). Missing, the tests fail saying how to install it
 * (`.ci/run` installs it); they never skip silently.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A phone-sized screen (staff use phones): an iPhone 13's viewport, touch and scale. */
export const PHONE = (() => {
  const { viewport, deviceScaleFactor, isMobile, hasTouch } = devices["iPhone 13"] ?? {
    viewport: { width: 390, height: 664 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  };
  return { viewport, deviceScaleFactor, isMobile, hasTouch };
})();

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the browser tests need Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
}
