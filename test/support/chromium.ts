/**
 * The browser tests need Debian's Chromium. Before any test runs (vitest globalSetup), this makes
 * sure it is there: installed once with apt-get when we are root on Debian, otherwise the run stops
 * at once with the one command to type. Nothing is ever downloaded from a browser vendor.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const INSTALL_COMMAND = 'sudo apt-get install -y chromium';

export class ChromiumMissingError extends Error {
  constructor(path: string, why: string) {
    super(
      `the browser tests need Chromium at ${path}, which is missing (${why}). Install it with: ${INSTALL_COMMAND}`,
    );
    this.name = 'ChromiumMissingError';
  }
}

export interface ChromiumCheck {
  path: string;
  exists(path: string): boolean;
  isRoot: boolean;
  /** apt-get is there, so this is a Debian-like system we may install on. */
  hasApt: boolean;
  /** Runs a command, throwing when it fails. */
  run(command: string, args: string[]): void;
  say(line: string): void;
}

/** Makes sure Chromium is at `path`; returns whether it had to install it. */
export function ensureChromium(check: ChromiumCheck): boolean {
  if (check.exists(check.path)) return false;
  if (!check.isRoot || !check.hasApt)
    throw new ChromiumMissingError(
      check.path,
      check.isRoot ? 'no apt-get here' : 'not root, so not installed for you',
    );
  check.say(`Chromium is missing at ${check.path}: installing Debian's chromium once (apt-get)...`);
  const env = ['-y', '-qq', '-o', 'Dpkg::Use-Pty=0'];
  try {
    check.run('apt-get', ['install', ...env, 'chromium']);
  } catch {
    // A fresh machine has no package lists yet.
    check.run('apt-get', ['update', '-qq']);
    check.run('apt-get', ['install', ...env, 'chromium']);
  }
  if (!check.exists(check.path))
    throw new ChromiumMissingError(check.path, 'apt-get installed no binary there');
  return true;
}

export function systemChromiumCheck(path: string): ChromiumCheck {
  return {
    path,
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    hasApt: existsSync('/usr/bin/apt-get'),
    run: (command, args) => {
      execFileSync(command, args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    },
    say: (line) => console.log(line),
  };
}
