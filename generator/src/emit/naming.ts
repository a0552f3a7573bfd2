/** Identifiers, property keys and string literals for text that comes from the docs. */

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield await any boolean number string symbol type from of unknown never object bigint undefined arguments eval'.split(' '),
);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `bizproc.activity.log` → `BizprocActivityLog`; never empty, never starts with a digit. */
export function pascalCase(text: string): string {
  const id = words(text)
    .map((w) => cap(w.toLowerCase() === w || w.toUpperCase() === w ? w.toLowerCase() : w))
    .join('');
  if (!id) return 'X';
  return /^[0-9]/.test(id) ? `N${id}` : id;
}

/** `bizproc.activity.log` → `bizprocActivityLog`; reserved words get a trailing underscore. */
export function camelCase(text: string): string {
  const p = pascalCase(text);
  const id = p.charAt(0).toLowerCase() + p.slice(1);
  return RESERVED.has(id) ? `${id}_` : id;
}

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** A single-quoted TypeScript string literal; escapes quotes, backslashes and line terminators. */
export function stringLiteral(value: string): string {
  return (
    "'" +
    value.replace(/[\\'\n\r\t\u2028\u2029\u0000-\u001f\u007f]/g, (c) => {
      switch (c) {
        case '\\': return '\\\\';
        case "'": return "\\'";
        case '\n': return '\\n';
        case '\r': return '\\r';
        case '\t': return '\\t';
        default: return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
      }
    }) +
    "'"
  );
}

/** A property key: bare when it is an identifier, quoted otherwise (`'a-b'`, `'123abc'`, `'__proto__'`). */
export function propertyKey(name: string): string {
  return isIdentifier(name) && name !== '__proto__' ? name : stringLiteral(name);
}

/** An enum member name for an error code: identifiers stay, others are made into one. */
export function enumMemberName(code: string): string {
  if (isIdentifier(code) && !/^(Infinity|NaN|__proto__)$/.test(code)) return code; // `E.__proto__ = ...` would set the prototype
  const w = code.replace(/[^A-Za-z0-9_$]+/g, '_').replace(/^_+|_+$/g, '');
  const id = w || 'EMPTY';
  return /^[0-9]/.test(id) ? `CODE_${id}` : id;
}

/** Makes names unique in first-come order by appending `_2`, `_3`…; the input order must be stable. */
export function uniqueNames(names: readonly string[], key: (n: string) => string = (n) => n): string[] {
  const used = new Map<string, number>();
  return names.map((n) => {
    const k = key(n);
    const count = used.get(k) ?? 0;
    used.set(k, count + 1);
    if (count === 0) return n;
    let i = count + 1;
    while (used.has(key(`${n}_${i}`))) i++;
    used.set(key(`${n}_${i}`), 1);
    return `${n}_${i}`;
  });
}

/** Enum member names for codes, unique even when two codes sanitise alike (`A-B`, `A_B`). */
export function enumMemberNames(codes: readonly string[]): string[] {
  const used = new Set<string>();
  return codes.map((code) => {
    let name = enumMemberName(code);
    for (let i = 2; used.has(name); i++) name = `${enumMemberName(code)}_${i}`;
    used.add(name);
    return name;
  });
}
