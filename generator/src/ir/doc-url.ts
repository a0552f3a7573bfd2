/** Where a docs page is published: shared by extraction (links in descriptions) and emission (`@see`). */
export const DOCS_SITE = 'https://apidocs.bitrix24.com/';

/** The published URL of a docs-relative `.md` path. */
export function pageUrl(docPath: string, anchor = ''): string {
  return DOCS_SITE + docPath.replace(/\.md$/, '.html') + anchor;
}
