/**
 * `remarkYfm`: unified plugin for the YFM (Diplodoc) constructs of the Bitrix24 docs.
 * Registers the micromark syntax (tables, `{% %}` tag lines) and the from-markdown handlers,
 * and runs the tree pass that pairs tags into containers (see transform.ts).
 */
import type { Root } from 'mdast';
import type {} from 'remark-parse';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { buildPendingTables, parserFor, yfmFromMarkdown } from './mdast/index.js';
import { yfmSyntax } from './syntax/index.js';
import { yfmTreePass, type YfmTransformOptions } from './transform.js';
import './types.js';

export type * from './types.js';
export { yfmSyntax } from './syntax/index.js';
export { buildPendingTables, parserFor, yfmFromMarkdown } from './mdast/index.js';
export { yfmTreePass, defaultDropIf, type YfmTransformOptions } from './transform.js';

export type RemarkYfmOptions = YfmTransformOptions;

export function remarkYfm(this: Processor, options: RemarkYfmOptions = {}) {
  const data = this.data();
  const micromarkExtensions = (data.micromarkExtensions ??= []);
  const fromMarkdownExtensions = (data.fromMarkdownExtensions ??= []);
  micromarkExtensions.push(yfmSyntax());
  fromMarkdownExtensions.push(yfmFromMarkdown());
  const fmOptions = { extensions: micromarkExtensions, mdastExtensions: fromMarkdownExtensions };
  const parse = parserFor(() => fmOptions);
  return (tree: Root, file: VFile): undefined => {
    buildPendingTables(tree, parse);
    yfmTreePass(tree, file, options);
  };
}

export default remarkYfm;
