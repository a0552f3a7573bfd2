/** `npm run mock [-- --port N] [-- --document FILE]`: the mock portal (Prism on generated/openapi.json) until Ctrl-C. */
import { parseArgs } from 'node:util';
import { startMockPortal } from './mock-portal.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, document: { type: 'string' } } });
const port = values.port === undefined ? 4010 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`b24gen mock: --port must be a port number, not "${values.port}"\n`);
  process.exit(2);
}
const portal = await startMockPortal({ port, ...(values.document ? { document: values.document } : {}) }).catch((e: Error) => {
  process.stderr.write(`b24gen mock: ${e.message}\n`);
  process.exit(2);
});
process.stdout.write(`b24gen mock portal: webhook URL ${portal.webhookUrl} (OAuth: portal ${portal.origin}), Prism started in ${(portal.startupMs / 1000).toFixed(1)} s; Ctrl-C stops it\n`);
const stop = () => void portal.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
