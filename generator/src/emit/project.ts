/** One in-memory ts-morph project for the whole emit run, with the house formatting. */
import { IndentationText, NewLineKind, Project, QuoteKind, type SourceFileStructure } from 'ts-morph';

export function newProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
}

/** Prints a file from its structure; the header comment says where it came from. */
export function printFile(project: Project, path: string, header: string, structure: SourceFileStructure): string {
  const file = project.createSourceFile(path, structure, { overwrite: true });
  const text = `${header}\n${file.getFullText()}`;
  project.removeSourceFile(file);
  return text.replace(/\n{3,}/g, '\n\n').replace(/\s*$/, '\n');
}
