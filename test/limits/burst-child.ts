// A fresh process sends a burst of concurrent calls (issue 19); prints one JSON line with the outcome.
import { createClient, isB24Error } from '@b24gen/runtime';

const c = JSON.parse(process.argv[2]!) as { webhookUrl: string; burst: number; drainPerSecond: number; calls: number; retryBaseMs: number };
const b24 = createClient({
  webhookUrl: c.webhookUrl, allowInsecureHttp: true, rateLimit: { burst: c.burst, drainPerSecond: c.drainPerSecond },
  retry: { baseDelayMs: c.retryBaseMs, maxDelayMs: c.retryBaseMs * 30 }, timeout: 120_000,
}, { resolveMeta: (method) => ({ method, apiVersion: 2, kind: 'write' }) });
const codes: Record<string, number> = {};
const t0 = performance.now();
const results = await Promise.allSettled(Array.from({ length: c.calls }, (_, i) => b24.call('crm.deal.add', { fields: { TITLE: `burst ${i}` } })));
const wallMs = performance.now() - t0;
for (const r of results) if (r.status === 'rejected') { const k = isB24Error(r.reason) ? r.reason.code : String(r.reason); codes[k] = (codes[k] ?? 0) + 1; }
console.log(JSON.stringify({ ok: results.filter((r) => r.status === 'fulfilled').length, failed: c.calls - results.filter((r) => r.status === 'fulfilled').length, codes, wallMs }));
