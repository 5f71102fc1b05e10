// Whether this machine can show Chinese: a headless or kiosk machine without a CJK font draws every
// hanzi as an empty box, in the browser and in screenshots. No dependencies: it runs before `npm ci`.
import { spawnSync } from 'node:child_process';

/** The font families fontconfig knows for Chinese; empty when there are none or no fontconfig at all. */
export function chineseFontFamilies(env = process.env) {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', env });
  if (result.status !== 0) return [];
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A small, freely licensed Chinese font from Debian (WenQuanYi Micro Hei), with fontconfig to find it. */
export const CHINESE_FONT_PACKAGES = ['fontconfig', 'fonts-wqy-microhei'];
