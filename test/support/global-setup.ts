/** vitest globalSetup: what every run needs before the first test file starts. */
import { CHROMIUM_PATH } from './browser';
import { ensureChromium, systemChromiumCheck } from './chromium';

export default function setup(): void {
  ensureChromium(systemChromiumCheck(CHROMIUM_PATH));
}
