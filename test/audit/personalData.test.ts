import { AuditEvent } from '../../entities';
import { SYSTEM_ACTOR } from '../../src/staff/audit/context';
import { maskRecord, scrubPersonalText, scrubText } from '../../src/staff/audit/personalData';
import { presentPersonalData } from '../../src/staff/audit/presentPersonalData';
import { DomainError } from '../../src/platform/domainError';
import { createTestApp, type TestApp } from '../support/testApp';

interface Applicant {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  handledBy: string;
}

const applicant: Applicant = {
  id: 'req-1',
  name: '欧阳娜娜',
  idNumber: '110101199003074514',
  phone: '13812345678',
  address: '福建省福州市鼓楼区东街1号',
  handledBy: 'officer-a',
};
const FIELDS = { name: 'name', idNumber: 'idNumber', phone: 'phone', address: 'address' } as const;

describe('personal data masking', () => {
  it('masks names, ID numbers, phone numbers and addresses, leaving other fields alone', () => {
    expect(maskRecord(applicant, FIELDS)).toEqual({
      id: 'req-1',
      name: '欧阳**',
      idNumber: '1101**********4514',
      phone: '138****5678',
      address: '福建省福州市鼓楼区****',
      handledBy: 'officer-a',
    });
    expect(maskRecord({ ...applicant, phone: '' }, FIELDS).phone).toBe('');
  });

  it('masks ID and mobile numbers inside free text', () => {
    expect(scrubText('我叫张三，身份证号11010119900307451x，手机13812345678，座机0591-87654321')).toBe(
      '我叫张三，身份证号1101**********451x，手机138****5678，座机0591-87654321',
    );
    expect(scrubText('工单号202611250001234567890')).toBe('工单号202611250001234567890');
  });

  // Typed as citizens type them: international prefix, grouped, full-width, run into letters.
  it.each([
    ['+8613912345678', '139****5678'],
    ['008613912345678', '139****5678'],
    ['139 1234 5678', '139****5678'],
    ['138-1234-5678', '138****5678'],
    ['138.1234.5678', '138****5678'],
    ['+86 139 1234 5678', '139****5678'],
    ['１３９１２３４５６７８', '139****5678'],
    ['电话：１３８－１２３４－５６７８。', '电话：138****5678。'],
    ['1101 0519 8503 1512 30', '1101**********1230'],
    ['110105 19850315 1230', '1101**********1230'],
    ['ID110105198503151230', 'ID1101**********1230'],
    ['身份证１１０１０５１９８５０３１５１２３Ｘ', '身份证1101**********123X'],
    ['身份证号11010519850315123x号码', '身份证号1101**********123x号码'],
  ])('masks %s in free text', (typed, masked) => {
    expect(scrubText(typed)).toBe(masked);
  });

  it.each([
    ['工单号12345-2026-000123', '工单号12345-2026-000123'],
    ['申请编号YSQ2026000123', '申请编号YSQ2026000123'],
    ['2026年12月6日 10:30 来电', '2026年12月6日 10:30 来电'],
    ['订单号2026112500012345678901', '订单号2026112500012345678901'],
    ['座机0591-87654321', '座机0591-87654321'],
  ])('leaves %s alone', (text, same) => {
    expect(scrubText(text)).toBe(same);
  });

  it.each([
    ['我叫张三丰，想问低保', '我叫张**，想问低保'],
    ['姓名：欧阳娜娜', '姓名：欧阳**'],
    ['我住在福州市鼓楼区五四路100号3单元201室，楼下很吵', '我住在福州市鼓楼区****，楼下很吵'],
    ['低保咋申请', '低保咋申请'],
  ])('shows operators %s with names and addresses masked', (text, masked) => {
    expect(scrubPersonalText(text)).toBe(masked);
  });

  describe('unmasking on request', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({}, {}, { seed: false });
    });
    afterAll(() => app.close());

    const present = (roles: string[], unmask: boolean, mayUnmask?: (a: Applicant) => boolean) =>
      app.db.transaction((tx) =>
        presentPersonalData(tx, [applicant], {
          fields: FIELDS,
          unmask,
          roles,
          unmaskRoles: ['disclosure_officer'],
          mayUnmask,
          who: { ...SYSTEM_ACTOR, actor: 'officer-a' },
          objectType: 'disclosure_request',
          objectIdOf: (a) => a.id,
          reason: '核实申请人身份',
          at: app.clock.now,
        }),
      );

    it('masks by default for everyone, without an audit record', async () => {
      expect((await present(['disclosure_officer'], false))[0].idNumber).toBe('1101**********4514');
      expect(await app.db.dataSource.getRepository(AuditEvent).count()).toBe(0);
    });

    it('refuses roles that do not need the data, and case-level rules', async () => {
      await expect(present(['operator', 'interpreter'], true)).rejects.toMatchObject({ kind: 'forbidden', code: 'unmask_forbidden' });
      await expect(present(['disclosure_officer'], true, (a) => a.handledBy === 'officer-b')).rejects.toBeInstanceOf(DomainError);
      expect(await app.db.dataSource.getRepository(AuditEvent).count()).toBe(0);
    });

    it('shows the data whole to a permitted role and audits the view', async () => {
      expect(await present(['disclosure_officer'], true, (a) => a.handledBy === 'officer-a')).toEqual([applicant]);
      const [event] = await app.db.dataSource.getRepository(AuditEvent).find();
      expect(event).toMatchObject({
        actor: 'officer-a',
        action: 'personal-data.view',
        objectType: 'disclosure_request',
        objectId: 'req-1',
        details: { fields: ['name', 'idNumber', 'phone', 'address'], reason: '核实申请人身份' },
      });
    });
  });
});
