/** One suite for every database: WENZHENG_TEST_DB selects it (sqlite by default). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Scale-out means several server processes on one server database; the embedded SQLite is one process's.
  // test/mysql/ holds what only a MySQL/MariaDB server has (its Unix socket).
  testPathIgnorePatterns: [
    '/node_modules/',
    ...((process.env.WENZHENG_TEST_DB ?? '').startsWith('mysql') ? [] : ['/test/scaleout/', '/test/mysql/']),
  ],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // One dictionary load per test process instead of one per test file (see the module).
  moduleNameMapper: { '^nodejieba$': '<rootDir>/test/support/nodejiebaLoadedOnce.js' },
  testTimeout: 30000,
};
