/**
 * Whole-line `{% ... %}` tags (note, cut, list, if, include, end*): one `yfmTag` token per line.
 * A tag may interrupt a paragraph; a line that does not end with `%}` is not a tag.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, State, TokenizeContext } from 'micromark-util-types';
import './tokens.js';

export const yfmTag: Construct = { name: 'yfmTag', tokenize: tokenizeYfmTag };

const TAG_END = /%\}[ \t]*$/;

function tokenizeYfmTag(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  const self = this;
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.enter('yfmTag');
    effects.consume(code);
    return percent;
  }

  function percent(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code);
    effects.consume(code);
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      const token = effects.exit('yfmTag');
      return TAG_END.test(self.sliceSerialize(token)) ? ok(code) : nok(code);
    }
    effects.consume(code);
    return inside;
  }
}
