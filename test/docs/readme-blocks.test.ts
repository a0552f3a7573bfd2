/**
 * Docs that run: every TypeScript block (```ts / ```typescript) of README.md, runtime/README.md and
 * generated/README.md (rendered from templates/README.md.hbs) type-checks, each block a module of its
 * own, with the repo's settings (strict, noUncheckedIndexedAccess; Node's types, so `process.env` and
 * `node:` imports work) and the packages resolved as an app resolves them (`@b24gen/client`,
 * `@b24gen/runtime`). A block declares what it assumes (`declare const eventToken: string;`); unused
 * values are allowed, as sketches bind them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/docs.js';

const READMES = ['README.md', 'runtime/README.md', 'generated/README.md'];

interface Block {
  readme: string;
  /** 1-based line of the block's first code line in the README. */
  line: number;
  code: string;
  file: string;
}

export function tsBlocks(readme: string): Block[] {
  const text = readFileSync(join(PROJECT_ROOT, readme), 'utf8');
  const blocks: Block[] = [];
  const fence = /^```(ts|typescript)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of text.matchAll(fence)) {
    const line = text.slice(0, m.index).split('\n').length + 1;
    const name = readme.replace(/[/.]/g, '_');
    blocks.push({ readme, line, code: m[2]!, file: join(PROJECT_ROOT, `test/docs/__${name}_${line}__.ts`) });
  }
  return blocks;
}

describe('TypeScript blocks of the READMEs', () => {
  const blocks = READMES.flatMap(tsBlocks);

  it('every README has blocks to check', () => {
    for (const r of READMES) expect(blocks.filter((b) => b.readme === r).length, r).toBeGreaterThan(0);
    expect(blocks.filter((b) => b.readme === 'runtime/README.md').length).toBeGreaterThanOrEqual(8);
  });

  it('type-check', () => {
    const config = ts.readConfigFile(join(PROJECT_ROOT, 'tsconfig.json'), ts.sys.readFile).config;
    const options: ts.CompilerOptions = { ...ts.parseJsonConfigFileContent(config, ts.sys, PROJECT_ROOT).options, noUnusedLocals: false, noUnusedParameters: false, noEmit: true };
    const byFile = new Map(blocks.map((b) => [b.file, b.code.includes('import ') || b.code.includes('export ') ? b.code : b.code + '\nexport {};\n']));
    const host = ts.createCompilerHost(options);
    const { readFile, fileExists, getSourceFile } = host;
    host.readFile = (f) => byFile.get(f) ?? readFile.call(host, f);
    host.fileExists = (f) => byFile.has(f) || fileExists.call(host, f);
    host.getSourceFile = (f, v, onError) => (byFile.has(f) ? ts.createSourceFile(f, byFile.get(f)!, v) : getSourceFile.call(host, f, v, onError));
    const program = ts.createProgram([...byFile.keys()], options, host);
    const errors = blocks.flatMap((b) => {
      const source = program.getSourceFile(b.file)!;
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
        const line = b.line + source.getLineAndCharacterOfPosition(d.start ?? 0).line;
        return `${b.readme}:${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      });
    });
    expect(errors).toEqual([]);
  }, 300_000);
});
