import { createTestApp } from '../support/testApp';

describe('migrations', () => {
  it('build exactly the schema the entities describe, on this database', async () => {
    const app = await createTestApp();
    const pending = await app.db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(await app.db.pendingMigrations()).toBe(false);
    await app.close();
  });

  it('are applied once: a second run applies nothing', async () => {
    const app = await createTestApp();
    expect(await app.migrate()).toEqual([]);
    await app.close();
  });
});
