/**
 * `#| ... |#` YFM tables, tokenized like fenced code: the opening `#|` line, raw
 * `yfmTableLine`s, and the closing `|#` line. Rows and cells are split later (mdast layer).
 *
 * - A table cannot interrupt a paragraph (as in Diplodoc's markdown-it rule).
 * - Lines inside triple-backtick fences and inside nested `#|`...`|#` tables never close it.
 * - Up to the opening line's own indentation is stripped from every line (tables indented
 *   inside `{% list tabs %}` items).
 * - No `|#` before the end of the document: not a table (the text stays a paragraph and the
 *   tree pass reports it).
 */
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import './tokens.js';

const FENCE = /```/g;

export const yfmTable: Construct = {
  name: 'yfmTable',
  tokenize: tokenizeYfmTable,
  concrete: true,
};

function tokenizeYfmTable(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this;
  const close: Construct = { tokenize: tokenizeClose, partial: true };
  let initialPrefix = 0;
  let depth = 0;
  let inFence = false;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.numberSign || self.interrupt) return nok(code);
    const tail = self.events[self.events.length - 1];
    initialPrefix =
      tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0;
    effects.enter('yfmTable');
    effects.enter('yfmTableFence');
    effects.consume(code);
    return openBar;
  }

  function openBar(code: Code): State | undefined {
    if (code !== codes.verticalBar) return nok(code);
    effects.consume(code);
    effects.exit('yfmTableFence');
    return factorySpace(effects, openEnd, 'whitespace');
  }

  function openEnd(code: Code): State | undefined {
    // `#|` must be alone on its line; EOF right after it: not a table.
    if (code === codes.eof || !markdownLineEnding(code)) return nok(code);
    return atBreak(code);
  }

  /** At a line ending: try to close, else continue with the next line. */
  function atBreak(code: Code): State | undefined {
    if (depth === 0 && !inFence) return effects.attempt(close, after, lineBefore)(code);
    return lineBefore(code);
  }

  function lineBefore(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return lineStart;
  }

  function lineStart(code: Code): State | undefined {
    if (initialPrefix > 0 && markdownSpace(code)) {
      return factorySpace(effects, contentBefore, 'linePrefix', initialPrefix + 1)(code);
    }
    return contentBefore(code);
  }

  function contentBefore(code: Code): State | undefined {
    if (code === codes.eof) return nok(code);
    if (markdownLineEnding(code)) return atBreak(code);
    effects.enter('yfmTableLine');
    return content(code);
  }

  function content(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      const token = effects.exit('yfmTableLine');
      track(self.sliceSerialize(token));
      if (code === codes.eof) return nok(code);
      return atBreak(code);
    }
    effects.consume(code);
    return content;
  }

  /** Follow code fences and nested tables so that their lines never close this table. */
  function track(line: string): void {
    if (line.includes('```')) {
      const n = line.match(FENCE)?.length ?? 0;
      if (n % 2 === 1) inFence = !inFence;
      return;
    }
    if (inFence) return;
    const t = line.trim();
    if (t === '#|') depth++;
    else if (t === '|#' && depth > 0) depth--;
  }

  function after(code: Code): State | undefined {
    effects.exit('yfmTable');
    return ok(code);
  }
}

/** Partial: line ending, optional indentation, `|#`, optional trailing blanks, end of line. */
function tokenizeClose(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    if (!markdownLineEnding(code)) return nok(code);
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return prefix;
  }

  function prefix(code: Code): State | undefined {
    return markdownSpace(code) ? factorySpace(effects, bar, 'linePrefix')(code) : bar(code);
  }

  function bar(code: Code): State | undefined {
    if (code !== codes.verticalBar) return nok(code);
    effects.enter('yfmTableFence');
    effects.consume(code);
    return hash;
  }

  function hash(code: Code): State | undefined {
    if (code !== codes.numberSign) return nok(code);
    effects.consume(code);
    effects.exit('yfmTableFence');
    return factorySpace(effects, end, 'whitespace');
  }

  function end(code: Code): State | undefined {
    return code === codes.eof || markdownLineEnding(code) ? ok(code) : nok(code);
  }
}
