import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseFontFamilies } from '../../scripts/chinese-font.mjs';
import { repoRoot } from '../../server/media/worker-binary.mjs';

/**
 * `npm start`'s set-up on a machine that shows no Chinese: fontconfig is pointed at an empty font
 * configuration (what a bare server or kiosk image has), and Debian's package tools are stood in
 * for by recorders, since the test cannot uninstall the font the suite itself relies on.
 */
function machineWithoutChineseFont() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-cjk-'));
  const fontConfig = path.join(dir, 'fonts.conf');
  fs.writeFileSync(fontConfig, `<?xml version="1.0"?>\n<fontconfig><cachedir>${dir}/cache</cachedir></fontconfig>\n`);
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const calls = path.join(dir, 'apt-calls');
  // Nothing installed as far as dpkg knows; apt-get only notes what it was asked.
  fs.writeFileSync(path.join(bin, 'dpkg-query'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh\necho "$@" >> ${calls}\n`, { mode: 0o755 });
  return {
    env: { ...process.env, FONTCONFIG_FILE: fontConfig, PATH: `${bin}:${process.env.PATH}` },
    aptCalls: () => (fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : ''),
  };
}

describe('npm start on a machine without a Chinese font', () => {
  it('sees the font this machine has, and none under an empty font configuration', () => {
    expect(chineseFontFamilies().length).toBeGreaterThan(0);
    expect(chineseFontFamilies(machineWithoutChineseFont().env)).toEqual([]);
  });

  it('installs one (or, without root, names the command to run)', () => {
    const machine = machineWithoutChineseFont();
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'setup.mjs'), '--for=start'], { cwd: repoRoot, env: machine.env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    if (process.getuid?.() === 0) expect(machine.aptCalls()).toMatch(/install .*fonts-wqy-microhei/);
    else expect(run.stdout).toMatch(/apt-get install -y .*fonts-wqy-microhei/);
  });
});
