/** Printing emitted modules with the house formatting (two-space indents, single quotes). */
import { printStructure, type SourceFileStructure } from 'ts-morph';

/**
 * Prints a file from its structure; the header comment says where it came from. ts-morph's
 * `printStructure` writes the text without parsing it back into an AST (half the cost of
 * `Project.createSourceFile`).
 */
export function printFile(header: string, structure: SourceFileStructure): string {
  const text = `${header}\n${printStructure(structure, { indentNumberOfSpaces: 2, useSingleQuote: true })}`;
  // One blank line between top-level declarations (a top-level line ending a statement, then a new one).
  return text
    .replace(/\n(}|\S[^\n]*;)\n(?=\/\*\*|export |declare )/g, '\n$1\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\s*$/, '\n');
}
