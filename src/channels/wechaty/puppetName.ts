/**
 * Which wechaty puppet (the protocol implementation behind wechaty) may be loaded by name.
 * Wechaty loads the puppet with `require(name)`, so the name is checked before: it must look like a
 * puppet package (`wechaty-puppet-*`, optionally scoped), which keeps arbitrary modules out, and it
 * must be installed. The mock puppet is a test double and is refused in production.
 */

export const MOCK_PUPPET = 'wechaty-puppet-mock';

const PUPPET_NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?wechaty-puppet-[a-z0-9][a-z0-9._-]*$/;

/** What is wrong with a configured puppet name, or null when it can be used. */
export function puppetNameProblem(
  name: string,
  env: 'development' | 'production' | 'test',
  resolve: (name: string) => string = require.resolve,
): string | null {
  if (!PUPPET_NAME.test(name))
    return 'must be the npm name of a wechaty puppet, e.g. wechaty-puppet-service or @juzibot/wechaty-puppet-wxwork';
  if (name === MOCK_PUPPET && env === 'production') return `${MOCK_PUPPET} is a test double and is refused when NODE_ENV=production`;
  try {
    resolve(name);
  } catch {
    return `puppet package "${name}" is not installed (install it with an exact version next to wechaty)`;
  }
  return null;
}
