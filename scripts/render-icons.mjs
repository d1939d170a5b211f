// Renders assets/icon.svg into the PNG sizes electron-builder needs (assets/icons/<n>x<n>.png for
// Linux, assets/icon.png at 1024 for macOS and Windows) with Debian's Chromium. Run after changing
// the SVG and commit the PNGs: `node scripts/render-icons.mjs`.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'assets', 'icon.svg'), 'utf8');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({
  executablePath: process.env.CMP_DESK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
});
try {
  mkdirSync(join(root, 'assets', 'icons'), { recursive: true });
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    const target = size === 1024 ? join(root, 'assets', 'icon.png') : join(root, 'assets', 'icons', `${size}x${size}.png`);
    await page.locator('svg').screenshot({ path: target, omitBackground: true });
    await page.close();
    console.log(`wrote ${target}`);
  }
} finally {
  await browser.close();
}
