/** Builds the corpus IR once for every corpus test (cold: ~35 s; warm with the page cache: a few seconds). */
import { buildCorpus } from './corpus-ir.js';

export default async function setup(): Promise<void> {
  await buildCorpus();
}
