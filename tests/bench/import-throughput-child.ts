import { measureImportThroughput } from './import-throughput.js';

/** Run in its own process by import-throughput.ts: imports N deals and inserts them plainly, and prints the Throughput as JSON. */
process.stdout.write(JSON.stringify(await measureImportThroughput(Number(process.argv[2]))));
