// A method name goes into a URL path (`/rest/{method}`) and into a batch command (`method?query`):
// `?`, `&`, `/`, `#`, `%`, whitespace or control characters there would change what is called.
// Documented names are dotted words (`crm.item.list`, `im.v2.Chat.get`, `user.userfield.add`).
const NAME = /^[A-Za-z][A-Za-z0-9_]*(?:[.:-][A-Za-z0-9_]+)*$/;

export const isMethodName = (name: unknown): name is string => typeof name === 'string' && name.length <= 200 && NAME.test(name);

/** The reason `name` cannot be a method name, or undefined when it can (for messages: never echoes long input). */
export function methodNameProblem(name: unknown): string | undefined {
  if (isMethodName(name)) return undefined;
  if (typeof name !== 'string') return 'method name is not a string';
  const shown = JSON.stringify(name.length > 60 ? name.slice(0, 60) + '…' : name);
  return `method name ${shown} is not a Bitrix24 method name (letters, digits, '_', separated by '.')`;
}
