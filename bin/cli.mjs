#!/usr/bin/env node
// `npm run cli`: the bundled CLI (dist/cli.mjs), rebuilt first when a source changed since the build.
import { build, isStale } from './build-cli.mjs';

if (isStale()) await build();
await import('../dist/cli.mjs');
