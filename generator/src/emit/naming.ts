/** Identifiers, property keys and string literals for text that comes from the docs. */

// Shared with the OpenAPI document's operationIds (binding names), so they live beside the IR.
export { camelCase, pascalCase } from '../ir/binding-names.js';

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

export { uniqueNames } from '../ir/binding-names.js';

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
