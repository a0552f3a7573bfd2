import { codes } from 'micromark-util-symbol';
import type { Extension } from 'micromark-util-types';
import { yfmTable } from './table.js';
import { yfmTag } from './tag.js';
import './tokens.js';

export { yfmTable } from './table.js';
export { yfmTag } from './tag.js';

/** micromark syntax extension for YFM tables and `{% %}` tag lines. */
export function yfmSyntax(): Extension {
  return { flow: { [codes.numberSign]: yfmTable, [codes.leftCurlyBrace]: yfmTag } };
}
