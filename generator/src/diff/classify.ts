/**
 * Which API changes break a TypeScript user of the generated client, and the semver verdict for
 * the generated package. The rules are the single table RULES below.
 *
 * Reading the table: a parameter is something the user WRITES (an object literal passed to the
 * binding), so the new type must accept everything the old one did; a result or event-payload
 * member is something the user READS, so the new type must be assignable to the old one.
 * Documented values become closed literal unions in the emitted types, so a value added to a
 * read member breaks `const s: Old = r.STATUS` and exhaustive `switch`es with a `never` default.
 *
 * Levels: `major` = breaking; `minor` = additive (new API surface, new deprecation); `patch` =
 * no change to the emitted types beyond documentation.
 */
import type { Change, ChangeKind, FieldLocation } from './compare.js';

export type SemverLevel = 'major' | 'minor' | 'patch' | 'none';

export interface Rule {
  level: Exclude<SemverLevel, 'none'>;
  why: string;
}

type FieldRules = Record<FieldLocation, Rule | ((c: Change) => Rule)>;

const major = (why: string): Rule => ({ level: 'major', why });
const minor = (why: string): Rule => ({ level: 'minor', why });
const patch = (why: string): Rule => ({ level: 'patch', why });

/**
 * | change                      | param (written)                           | result / payload (read)                         |
 * |-----------------------------|-------------------------------------------|-------------------------------------------------|
 * | method/event added          | minor                                     |                                                 |
 * | method/event removed        | MAJOR                                     |                                                 |
 * | method/event renamed        | MAJOR (binding and call name change)      |                                                 |
 * | method case-only rename     | minor when the old name is kept as an alias (docs-input/method-aliases.json); else MAJOR |    |
 * | deprecated                  | minor (new `@deprecated`)                 |                                                 |
 * | un-deprecated               | patch                                     |                                                 |
 * | field added                 | required: MAJOR; optional: minor          | minor                                           |
 * | field removed               | MAJOR (excess property in object literal) | MAJOR (reads no longer compile)                 |
 * | optional → required         | MAJOR                                     | minor (T-or-undefined → T)                      |
 * | required → optional         | minor                                     | MAJOR (T → T-or-undefined under strict)         |
 * | type changed                | widened (old ⊆ new): minor; else MAJOR    | narrowed (new ⊆ old): minor; else MAJOR         |
 * | only docType text changed   | patch                                     | patch                                           |
 * | allowed value added         | minor                                     | closed union: MAJOR; open: minor                |
 * | allowed value removed       | closed union: MAJOR; open: patch          | minor (narrowing)                               |
 * | error code added            | minor (new enum member; codes are open at runtime, `B24Error.code` is a string) |          |
 * | error code removed          | MAJOR (the `…Error.CODE` enum member disappears)                                |          |
 */
export const RULES: { [K in ChangeKind]: K extends `field-${string}` ? FieldRules : Rule | ((c: Change) => Rule) } = {
  'method-added': minor('new binding'),
  'method-removed': major('the binding and its types disappear'),
  'method-renamed': major('the binding name and the name in client.call change'),
  // The wire is unchanged (Bitrix24 resolves method names case-insensitively); only the export names change.
  'method-case-renamed': (c) =>
    c.aliased
      ? minor('case-only rename: the old binding name and B24Methods key stay as @deprecated aliases (docs-input/method-aliases.json)')
      : major('case-only rename: the binding name changes; record the old name with `b24gen diff --record-aliases` to keep it as a @deprecated alias (then minor)'),
  'method-deprecated': minor('new @deprecated tag'),
  'method-undeprecated': patch('@deprecated tag removed'),
  'event-added': minor('new payload type'),
  'event-removed': major('the payload type disappears'),
  'event-renamed': major('the payload type name changes'),
  'event-deprecated': minor('new @deprecated tag'),
  'event-undeprecated': patch('@deprecated tag removed'),
  'field-added': {
    param: (c) => (c.required ? major('new required parameter: existing calls lack it') : minor('new optional parameter')),
    result: minor('new member to read'),
    payload: minor('new member to read'),
  },
  'field-removed': {
    param: major('passing it is an excess-property error'),
    result: major('reading it no longer compiles'),
    payload: major('reading it no longer compiles'),
  },
  'field-required': {
    param: major('existing calls may lack it'),
    result: minor('the type narrows from T | undefined to T'),
    payload: minor('the type narrows from T | undefined to T'),
  },
  'field-optional': {
    param: minor('callers may now omit it'),
    result: major('T becomes T | undefined'),
    payload: major('T becomes T | undefined'),
  },
  'field-type-changed': {
    param: (c) => (c.widened ? minor('the parameter type is widened') : major('the parameter type is narrowed or changed')),
    result: (c) => (c.narrowed ? minor('the member type is narrowed') : major('the member type is widened or changed')),
    payload: (c) => (c.narrowed ? minor('the member type is narrowed') : major('the member type is widened or changed')),
  },
  'field-doctype-changed': {
    param: patch('documentation only'),
    result: patch('documentation only'),
    payload: patch('documentation only'),
  },
  'field-value-added': {
    param: minor('one more accepted value'),
    result: (c) => (c.closedUnion ? major('the literal union grows: assignments to the old union and exhaustive switches break') : minor('one more documented value')),
    payload: (c) => (c.closedUnion ? major('the literal union grows: assignments to the old union and exhaustive switches break') : minor('one more documented value')),
  },
  'field-value-removed': {
    param: (c) => (c.closedUnion ? major('calls passing it no longer compile') : patch('documentation only')),
    result: minor('the literal union narrows'),
    payload: minor('the literal union narrows'),
  },
  'error-added': minor('new error enum member'),
  'error-removed': major('the error enum member disappears'),
};

export function ruleFor(change: Change): Rule {
  const entry = RULES[change.kind] as Rule | ((c: Change) => Rule) | FieldRules;
  const pick = (r: Rule | ((c: Change) => Rule)) => (typeof r === 'function' ? r(change) : r);
  if (typeof entry === 'function' || 'level' in entry) return pick(entry as Rule | ((c: Change) => Rule));
  return pick((entry as FieldRules)[change.location ?? 'param']);
}

export interface ClassifiedChange extends Change {
  breaking: boolean;
  level: Exclude<SemverLevel, 'none'>;
  /** Why the change has its level (from RULES). */
  reason: string;
}

export function classifyChanges(changes: readonly Change[]): ClassifiedChange[] {
  return changes.map((c) => {
    const r = ruleFor(c);
    return { ...c, breaking: r.level === 'major', level: r.level, reason: r.why };
  });
}

const ORDER: SemverLevel[] = ['none', 'patch', 'minor', 'major'];

/** The highest level of any change; `none` without changes. */
export function semverVerdict(changes: readonly Pick<ClassifiedChange, 'level'>[]): SemverLevel {
  let best = 0;
  for (const c of changes) best = Math.max(best, ORDER.indexOf(c.level));
  return ORDER[best]!;
}
