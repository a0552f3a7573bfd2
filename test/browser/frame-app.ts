// A small Bitrix24 app page, as a user would write it for a placement: BX24.js gives the auth, the
// client does the rest. The browser test (frame.test.ts) loads it bundled by esbuild and unbundled
// through an import map; `npm run size` measures its first load. It reports to `window.__frameApp`.
import { createClient, createFrameAuth, crmDealGet, isB24Error, type FrameBX24 } from '@b24gen/client';

/** The BX24.js functions this page uses (sdk/bx24-js-sdk/system-functions, placement info). */
interface BX24Page extends FrameBX24 {
  init(callback: () => void): void;
  placement: { info(): { placement: string; options: Record<string, string> } };
}
declare const BX24: BX24Page;

// The test's fake portal is plain http on 127.0.0.1; a real portal is https (the default).
const local = location.hostname === '127.0.0.1';

BX24.init(async () => {
  const out: Record<string, unknown> = {};
  try {
    const b24 = createClient({ auth: createFrameAuth(BX24, local ? { protocol: 'http' } : {}), allowInsecureHttp: local, logger: (line) => console.log(line) });
    const { placement, options } = BX24.placement.info();
    out.placement = placement;

    // Three calls at once: when the token BX24 gave has expired, they share one BX24.refreshAuth.
    const [deal, me, first] = await Promise.all([
      crmDealGet(b24, { id: Number(options.ID) }),
      b24.call('user.current'),
      b24.call('crm.deal.list', { select: ['ID'] }),
    ]);
    out.deal = deal.TITLE;
    out.user = me.NAME;
    out.firstPage = Array.isArray(first) ? first.length : -1;

    const titles: string[] = [];
    for await (const d of b24.paginate('crm.deal.list', { order: { ID: 'ASC' }, select: ['ID', 'TITLE'] })) titles.push(String(d.TITLE));
    out.listed = titles.length;
    out.lastTitle = titles.at(-1);

    const { results, errors } = await b24.batch({
      me: { method: 'user.current' },
      deal: { method: 'crm.deal.get', params: { id: Number(options.ID) } },
      missing: { method: 'crm.deal.get', params: { id: 999_999 } },
    });
    out.batch = { me: results.me?.NAME, deal: results.deal?.TITLE, missing: errors.missing?.code };

    try {
      await crmDealGet(b24, { id: 999_999 });
      out.error = 'none';
    } catch (e) {
      if (isB24Error(e, 'NOT_FOUND')) out.error = { code: e.code, reason: e.reason, status: e.httpStatus };
      else throw e;
      // What an app would log: the error itself, its text, its JSON.
      console.error(e);
      console.log(String(e), JSON.stringify(e));
    }
    console.log('frame app done', JSON.stringify(out));
  } catch (e) {
    out.failed = String(e);
    console.error(e);
  }
  (window as { __frameApp?: unknown }).__frameApp = out;
});
