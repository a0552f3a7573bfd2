/**
 * Example payloads as the docs print them → plain values. Event pages show what a handler receives
 * as JSON, as PHP array literals (`[ 'event' => 'X', … ]`, `array('FIELDS' => array('ID' => $id))`,
 * sometimes in a block labelled `json`), and could show the form body itself
 * (`event=ONCRMDEALADD&data[FIELDS][ID]=1`) or a `print_r` dump. Pure: null when the text is none
 * of these (handler code, JS callbacks).
 *
 * Values stay as printed: a PHP `1` is the number 1, a form or print_r value a string; a PHP
 * variable (`$id`) is kept as the string `$id` (a placeholder). A PHP array whose keys are 0…n-1 in
 * order (or that is empty) becomes a JS array, any other a plain object.
 */
/** Nesting beyond this is no example payload (and would only exhaust the stack on hostile input). */
const MAX_DEPTH = 64;

export type PayloadFormat = 'json' | 'php' | 'form' | 'print_r';

export interface DecodedPayload {
  format: PayloadFormat;
  value: unknown;
}

export function decodePayload(text: string): DecodedPayload | null {
  const src = text.replace(/^\uFEFF/, '').trim();
  if (!src) return null;
  if (/^[[{]/.test(src)) {
    const json = parseJson(src);
    if (json !== undefined) return { format: 'json', value: json };
  }
  if (/^(?:\$\w+\s*=\s*)?(?:\[|array\s*\()/i.test(src) && src.includes('=>')) {
    const php = parsePhp(src);
    if (php !== undefined) return { format: 'php', value: php };
  }
  if (/^Array\s*\(/.test(src)) {
    const dump = parsePrintR(src);
    if (dump !== undefined) return { format: 'print_r', value: dump };
  }
  if (isForm(src)) return { format: 'form', value: parseForm(src) };
  return null;
}

/** Every piece between `&` (or line breaks) is `key=value`, the key a name with optional `[…]` segments. */
function isForm(src: string): boolean {
  const pairs = src.split(/&|\n/).map((p) => p.trim()).filter(Boolean);
  return pairs.length > 0 && pairs.every((p) => /^[A-Za-z_]\w*(?:\[[^\]=&\s]*\])*=\S*$/.test(p));
}

/** JSON, tolerating trailing commas; undefined when it does not parse. */
function parseJson(src: string): unknown {
  for (const candidate of [src, src.replace(/,(\s*[}\]])/g, '$1')]) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

/** A PHP list (keys 0…n-1 in order) is a JS array; any other PHP array an object. */
function phpArray(entries: Array<[string | number, unknown]>): unknown {
  if (entries.every(([k], i) => k === i || k === String(i))) return entries.map(([, v]) => v);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[String(k)] = v;
  return out;
}

type Token = { t: 'punct'; v: string } | { t: 'value'; v: unknown } | { t: 'array' };

function tokenizePhp(src: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i) || c === '#') {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
      continue;
    }
    if (src.startsWith('=>', i)) { tokens.push({ t: 'punct', v: '=>' }); i += 2; continue; }
    if ('[](),;='.includes(c)) { tokens.push({ t: 'punct', v: c }); i++; continue; }
    if (c === "'" || c === '"') {
      let s = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== c; j++) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const n = src[j + 1]!;
          if (c === "'") s += n === "'" || n === '\\' ? n : '\\' + n;
          else s += n === 'n' ? '\n' : n === 't' ? '\t' : n === '"' || n === '\\' || n === '$' ? n : '\\' + n;
          j++;
        } else s += src[j];
      }
      if (j >= src.length) return undefined;
      tokens.push({ t: 'value', v: s });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) { tokens.push({ t: 'value', v: Number(num[0]) }); i += num[0].length; continue; }
    const word = /^\$?[A-Za-z_][\w\\]*/.exec(src.slice(i));
    if (word) {
      const w = word[0];
      const lower = w.toLowerCase();
      if (lower === 'array' && /^\s*\(/.test(src.slice(i + w.length))) tokens.push({ t: 'array' });
      else if (lower === 'true' || lower === 'false') tokens.push({ t: 'value', v: lower === 'true' });
      else if (lower === 'null') tokens.push({ t: 'value', v: null });
      // A variable or a constant stands for a value the page does not give: kept as its name.
      else tokens.push({ t: 'value', v: w });
      i += w.length;
      continue;
    }
    return undefined;
  }
  return tokens;
}

/** A PHP array literal (short or `array()` syntax), optionally assigned (`$data = […];`). */
export function parsePhp(src: string): unknown {
  const tokens = tokenizePhp(src);
  if (!tokens) return undefined;
  let pos = 0;
  const isPunct = (v: string) => tokens[pos]?.t === 'punct' && (tokens[pos] as { v: string }).v === v;
  const fail = Symbol('fail');
  const value = (depth = 0): unknown => {
    const tok = tokens[pos];
    if (!tok || depth > MAX_DEPTH) return fail;
    if (tok.t === 'value') { pos++; return tok.v; }
    let close: string;
    if (tok.t === 'array') {
      pos++;
      if (!isPunct('(')) return fail;
      close = ')';
    } else if (tok.v === '[') close = ']';
    else return fail;
    pos++;
    const entries: Array<[string | number, unknown]> = [];
    let next = 0;
    while (!isPunct(close)) {
      const first = value(depth + 1);
      if (first === fail) return fail;
      if (isPunct('=>')) {
        pos++;
        const v = value(depth + 1);
        if (v === fail) return fail;
        if (typeof first !== 'string' && typeof first !== 'number') return fail;
        const key = typeof first === 'number' || /^-?\d+$/.test(first) ? Number(first) : first;
        if (typeof key === 'number' && key >= next) next = key + 1;
        entries.push([key, v]);
      } else entries.push([next++, first]);
      if (isPunct(',')) pos++;
      else if (!isPunct(close)) return fail;
    }
    pos++;
    return phpArray(entries);
  };
  if (tokens[0]?.t === 'value' && typeof tokens[0].v === 'string' && tokens[0].v.startsWith('$') && tokens[1]?.t === 'punct' && tokens[1].v === '=') pos = 2;
  if (tokens[pos]?.t === 'value') return undefined;
  const out = value();
  if (out === fail) return undefined;
  while (isPunct(';')) pos++;
  return pos === tokens.length ? out : undefined;
}

/** `a=1&b[c]=2&b[d][]=3` (newlines also separate pairs) → nested plain values, strings at the leaves. */
export function parseForm(src: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  for (const pair of src.split(/&|\n/)) {
    const p = pair.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    const rawKey = decode(eq < 0 ? p : p.slice(0, eq));
    const val = eq < 0 ? '' : decode(p.slice(eq + 1));
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!m) continue;
    const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)];
    if (path.length > MAX_DEPTH) continue;
    let node: Record<string, unknown> = root;
    path.forEach((seg, i) => {
      const key = seg === '' ? String(Object.keys(node).length) : seg;
      if (i === path.length - 1) node[key] = val;
      else {
        const child = node[key];
        if (typeof child !== 'object' || child === null) node[key] = {};
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return listify(root) as Record<string, unknown>;
}

/** Objects keyed 0…n-1 (PHP lists after form decoding) become arrays. */
function listify(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const entries = Object.entries(v).map(([k, x]) => [k, listify(x)] as [string, unknown]);
  return entries.length > 0 ? phpArray(entries) : v;
}

/** A `print_r` dump: `Array ( [key] => value … )`, nested; scalar values are strings. */
export function parsePrintR(src: string): unknown {
  const lines = src.split(/\r?\n/);
  let i = 0;
  const fail = Symbol('fail');
  const block = (depth = 0): unknown => {
    if (depth > MAX_DEPTH) return fail;
    // `Array` then `(` (same or next line).
    if (!/^\s*Array\s*\(?\s*$/.test(lines[i] ?? '')) return fail;
    if (!/\(\s*$/.test(lines[i]!)) {
      i++;
      if (!/^\s*\(\s*$/.test(lines[i] ?? '')) return fail;
    }
    i++;
    const entries: Array<[string, unknown]> = [];
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      if (/^\s*$/.test(line)) continue;
      if (/^\s*\)\s*$/.test(line)) {
        i++;
        return phpArray(entries);
      }
      const m = /^\s*\[([^\]]*)\]\s*=>\s?(.*)$/.exec(line);
      if (!m) return fail;
      if (/^Array\s*$/.test(m[2]!)) {
        lines[i] = 'Array';
        const inner = block(depth + 1);
        if (inner === fail) return fail;
        entries.push([m[1]!, inner]);
        i--;
      } else entries.push([m[1]!, m[2]!.trimEnd()]);
    }
    return fail;
  };
  const out = block();
  if (out === fail) return undefined;
  return lines.slice(i).every((l) => !l.trim()) ? out : undefined;
}
