import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../../entities';
import { DELETION_OF_ENTITY, deleteCitizenData } from '../../src/staff/audit/citizenData';
import { PURGE_OF_ENTITY, purgeExpired } from '../../src/staff/audit/retention';
import { PERSONAL_DATA_ENTITIES, type EntityHandling } from '../../src/staff/audit/retentionPolicy';
import { createTestApp, type TestApp } from '../support/testApp';

/** Columns that name a citizen, reach them, or tie a row to their chat. */
const CITIZEN_COLUMNS = ['citizenId', 'citizenChannel', 'conversationId', 'applicantName', 'idNumber', 'phone', 'email', 'address'];
/** An operator's own account (their phone): staff data, not a citizen's. */
const STAFF_ENTITIES = ['StaffAccount'];

const counted = (table: Record<string, EntityHandling<string>>) =>
  Object.values(table)
    .flatMap((handling) => ('counted' in handling ? [handling.counted] : []))
    .sort();

/** One list of the entities with personal data, which the retention purge and the citizen's deletion both answer for. */
describe('the entities holding personal data', () => {
  it('are all listed: every entity with a column that identifies a citizen, and only real entities', () => {
    const columns = getMetadataArgsStorage().columns;
    const identifying = ENTITIES.filter(
      (entity) =>
        !STAFF_ENTITIES.includes(entity.name) && columns.some((c) => c.target === entity && CITIZEN_COLUMNS.includes(c.propertyName)),
    ).map((entity) => entity.name);
    expect(identifying.length).toBeGreaterThan(5);
    expect(identifying.filter((name) => !(PERSONAL_DATA_ENTITIES as readonly string[]).includes(name))).toEqual([]);
    expect(PERSONAL_DATA_ENTITIES.filter((name) => !ENTITIES.some((entity) => entity.name === name))).toEqual([]);
  });

  describe('as the purge and the deletion report them', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({}, {}, { seed: false });
    });
    afterAll(() => app.close());

    it('the purge counts exactly the entities its table says it counts', async () => {
      const policy = { messages: 30, conversations: 30, closedTickets: 30, closedDisclosure: 3650, audit: 180 };
      const counts = await purgeExpired(app.db, policy, app.clock.now, true);
      expect(Object.keys(counts).sort()).toEqual(counted(PURGE_OF_ENTITY));
    });

    it("the citizen's deletion counts exactly the entities its table says it erases", async () => {
      const result = await app.db.transaction((tx) =>
        deleteCitizenData(tx, { channel: 'webchat', citizenId: 'web:nobody' }, app.clock.now),
      );
      expect(Object.keys(result.erased).sort()).toEqual(counted(DELETION_OF_ENTITY));
    });
  });
});
