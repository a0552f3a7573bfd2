// Read or write from a method's name, for calls by name without a generated meta. The same rule as
// the generator's (generator/src/extract/method-kind.ts; test/runtime/kind.test.ts compares them).
const READ_VERBS = /^(get|list|fields|getlist|getfields|search|count|find|info|status|check|export|version|items|children|getbyid|getchildren|tree|access|isadmin|profile|scope|methods|time|getsettings|getstatus|getmanifest|isactionallowed|getbypost|getall|listall|read|show|query|history|stat|statistics)$|^(get|list|is|has|search|fetch)[A-Z]/;

/** `read` (may be retried after a network error) or `write`, by the last segment of the name. */
export function methodKind(name: string): 'read' | 'write' {
  const verb = name.split('.').at(-1) ?? '';
  return READ_VERBS.test(verb) || READ_VERBS.test(verb.toLowerCase()) ? 'read' : 'write';
}
