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
  testTimeout: 30000,
};
