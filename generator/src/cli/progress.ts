/** A one-line progress indicator on a TTY; silent otherwise (CI logs stay clean). */
export function ttyProgress(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return undefined;
  let last = 0;
  return (done: number, total: number, phase: string) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    stream.write(`\r${phase}: ${done}/${total}${done === total ? '\n' : ''}`);
  };
}
