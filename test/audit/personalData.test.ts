import { AuditEvent } from '../../entities';
import { SYSTEM_ACTOR } from '../../src/audit/context';
import { maskRecord, presentPersonalData, scrubText } from '../../src/audit/personalData';
import { HttpError } from '../../src/http/errors';
import { createTestApp, type TestApp } from '../support/testApp';

interface Applicant {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  handledBy: string;
}

const applicant: Applicant = { id: 'req-1', name: '欧阳娜娜', idNumber: '110101199003074514', phone: '13812345678', address: '福建省福州市鼓楼区东街1号', handledBy: 'officer-a' };
const FIELDS = { name: 'name', idNumber: 'idNumber', phone: 'phone', address: 'address' } as const;

describe('personal data masking', () => {
  it('masks names, ID numbers, phone numbers and addresses, leaving other fields alone', () => {
    expect(maskRecord(applicant, FIELDS)).toEqual({ id: 'req-1', name: '欧阳**', idNumber: '1101**********4514', phone: '138****5678', address: '福建省福州市鼓楼区****', handledBy: 'officer-a' });
    expect(maskRecord({ ...applicant, phone: '' }, FIELDS).phone).toBe('');
  });

  it('masks ID and mobile numbers inside free text', () => {
    expect(scrubText('我叫张三，身份证号11010119900307451x，手机13812345678，座机0591-87654321')).toBe('我叫张三，身份证号1101**********451x，手机138****5678，座机0591-87654321');
    expect(scrubText('工单号202611250001234567890')).toBe('工单号202611250001234567890');
  });

  describe('unmasking on request', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({}, {}, { seed: false });
    });
    afterAll(() => app.close());

    const present = (roles: string[], unmask: boolean, mayUnmask?: (a: Applicant) => boolean) =>
      app.db.transaction((tx) =>
        presentPersonalData(tx, [applicant], { fields: FIELDS, unmask, roles, unmaskRoles: ['disclosure_officer'], mayUnmask, who: { ...SYSTEM_ACTOR, actor: 'officer-a' }, objectType: 'disclosure_request', objectIdOf: (a) => a.id, reason: '核实申请人身份', at: app.clock.now }),
      );

    it('masks by default for everyone, without an audit record', async () => {
      expect((await present(['disclosure_officer'], false))[0].idNumber).toBe('1101**********4514');
      expect(await app.db.dataSource.getRepository(AuditEvent).count()).toBe(0);
    });

    it('refuses roles that do not need the data, and case-level rules', async () => {
      await expect(present(['operator', 'interpreter'], true)).rejects.toMatchObject({ status: 403, code: 'unmask_forbidden' });
      await expect(present(['disclosure_officer'], true, (a) => a.handledBy === 'officer-b')).rejects.toBeInstanceOf(HttpError);
      expect(await app.db.dataSource.getRepository(AuditEvent).count()).toBe(0);
    });

    it('shows the data whole to a permitted role and audits the view', async () => {
      expect(await present(['disclosure_officer'], true, (a) => a.handledBy === 'officer-a')).toEqual([applicant]);
      const [event] = await app.db.dataSource.getRepository(AuditEvent).find();
      expect(event).toMatchObject({ actor: 'officer-a', action: 'personal-data.view', objectType: 'disclosure_request', objectId: 'req-1', details: { fields: ['name', 'idNumber', 'phone', 'address'], reason: '核实申请人身份' } });
    });
  });
});
