import { describe, expect, it } from 'vitest';
import {
  type ChromiumCheck,
  ChromiumMissingError,
  ensureChromium,
  INSTALL_COMMAND,
} from '../../support/chromium';

function fake(over: Partial<ChromiumCheck> & { installs?: boolean; updateNeeded?: boolean } = {}) {
  const installed = new Set<string>();
  const commands: string[] = [];
  let updated = false;
  const check: ChromiumCheck = {
    path: '/fake/bin/chromium',
    exists: (p) => installed.has(p),
    isRoot: true,
    hasApt: true,
    run: (command, args) => {
      commands.push([command, ...args].join(' '));
      if (args[0] === 'update') updated = true;
      if (args[0] === 'install') {
        if (over.updateNeeded && !updated) throw new Error('E: Unable to locate package chromium');
        if (over.installs !== false) installed.add('/fake/bin/chromium');
      }
    },
    say: () => {},
    ...over,
  };
  return { check, commands };
}

describe('ensureChromium', () => {
  it('does nothing when Chromium is already at the path', () => {
    const { check, commands } = fake({ exists: () => true });
    expect(ensureChromium(check)).toBe(false);
    expect(commands).toEqual([]);
  });

  it('installs Debian chromium once when root on a machine with apt-get', () => {
    const { check, commands } = fake();
    expect(ensureChromium(check)).toBe(true);
    expect(commands).toEqual(['apt-get install -y -qq -o Dpkg::Use-Pty=0 chromium']);
  });

  it('updates the package lists first on a machine that has none', () => {
    const { check, commands } = fake({ updateNeeded: true });
    expect(ensureChromium(check)).toBe(true);
    expect(commands.map((c) => c.split(' ')[1])).toEqual(['install', 'update', 'install']);
  });

  it('stops with the one install command when not root', () => {
    const { check, commands } = fake({ isRoot: false });
    expect(() => ensureChromium(check)).toThrow(ChromiumMissingError);
    expect(() => ensureChromium(check)).toThrow(INSTALL_COMMAND);
    expect(commands).toEqual([]);
  });

  it('stops when apt-get ran but left no binary at the path', () => {
    const { check } = fake({ installs: false });
    expect(() => ensureChromium(check)).toThrow(/apt-get installed no binary/);
  });
});
