/** Token types produced by the YFM micromark constructs. */
declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** A whole `#| ... |#` table, read as raw lines. */
    yfmTable: 'yfmTable';
    /** The `#|` opening or `|#` closing fence. */
    yfmTableFence: 'yfmTableFence';
    /** One raw content line of a table (without the table's own indentation). */
    yfmTableLine: 'yfmTableLine';
    /** A whole-line `{% ... %}` tag. */
    yfmTag: 'yfmTag';
  }
}

export {};
