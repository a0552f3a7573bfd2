import type { VFile } from 'vfile';

type VFileMessage = VFile['messages'][number];

/** A problem found while reading the docs; never fatal for the whole run. */
export interface Diagnostic {
  /** Docs-root-relative path of the file the problem is in. */
  file: string;
  /** 1-based line (0 when unknown). */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  ruleId?: string;
  /** Producer, e.g. `remark-yfm`, `include`, `parse`. */
  source?: string;
}

/**
 * Convert a vfile message. `fatal: true` → error, `false` → warning, `null`/`undefined` → info.
 * `msg.file` (set by producers that report on an included fragment) wins over `file`.
 */
export function diagnosticFromVFileMessage(msg: VFileMessage, file: string): Diagnostic {
  const severity: Diagnostic['severity'] =
    msg.fatal === true ? 'error' : msg.fatal === false ? 'warning' : 'info';
  const d: Diagnostic = {
    file: msg.file || file,
    line: msg.line ?? 0,
    severity,
    message: msg.reason,
  };
  if (msg.column != null) d.column = msg.column;
  if (msg.ruleId) d.ruleId = msg.ruleId;
  if (msg.source) d.source = msg.source;
  return d;
}
