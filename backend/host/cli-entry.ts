/** Entry point of the `veldwerk` command (bundled to dist/cli/veldwerk.mjs). */
import { main } from './cli';

const exitCode = await main(process.argv.slice(2));
// `serve` keeps running until stopped; everything else ends here.
if (process.argv[2] !== 'serve' || exitCode !== 0) process.exit(exitCode);
