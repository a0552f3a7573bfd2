/** TSDoc text from docs prose: nothing from the docs can close the comment or start a tag. */

/** Escapes text for a `/** … *\/` block: `*\/` cannot close it, `@` cannot start a tag, odd line breaks are normalised. */
export function escapeDoc(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\u0000/g, '')
    .replace(/\*\//g, '*\\/')
    .replace(/@/g, '\\@')
    .replace(/\{@/g, '\\{@')
    .trim();
}

export interface DocTag {
  tag: string;
  text: string;
}

/** Joins paragraphs and tags into one TSDoc body (without the comment delimiters). */
export function tsdoc(paragraphs: Array<string | undefined | null | false>, tags: DocTag[] = []): string {
  const body = paragraphs.filter((p): p is string => Boolean(p && p.trim())).map(escapeDoc);
  const tagLines = tags.map((t) => `@${t.tag}${t.text ? ' ' + t.text : ''}`);
  return [...body, ...tagLines].join('\n\n').replace(/\n{3,}/g, '\n\n');
}
