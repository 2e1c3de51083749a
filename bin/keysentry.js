#!/usr/bin/env node
// The committed bundle (scripts/build-cli.js), not dist/: installing keysentry builds nothing.
import { main } from '../bundle/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
