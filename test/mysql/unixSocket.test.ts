import { connectToServer, createTestApp, scratchDatabase, TEST_DB } from '../support/testApp';

/** MySQL/MariaDB runs only (jest.config.js): a server on the same machine reached through its Unix socket. */
describe('a MySQL/MariaDB server reached through its Unix socket', () => {
  it('stores and answers a conversation over the socket, not over TCP', async () => {
    const admin = await connectToServer(TEST_DB);
    const [rows] = await admin.query('SELECT @@socket AS socket');
    await admin.end();
    const viaSocket = new URL(TEST_DB);
    viaSocket.hostname = 'localhost';
    viaSocket.port = '';
    viaSocket.searchParams.set('socket', (rows as { socket: string }[])[0].socket);
    const database = await scratchDatabase(viaSocket.toString(), 'wz_socket');
    const app = await createTestApp({}, {}, { databaseUrl: database.url });
    try {
      const result = await app.conversations.handleInbound({
        channel: 'webchat',
        citizenId: 'web:socket',
        externalId: 'm-1',
        kind: 'text',
        text: '低保怎么申请',
        receivedAt: app.clock.now,
      });
      expect(result.replies[0]).toMatch(/^【[^】]*最低生活保障/);
      // A socket client's host is "localhost"; over TCP it would be "127.0.0.1:<port>".
      const [client] = await app.db.dataSource.query('SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()');
      expect(client.host).toBe('localhost');
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
