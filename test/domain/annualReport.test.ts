import {
  AnnualReportError,
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  buildTable3,
  buildTable4,
  renderTable3Csv,
  renderTable3Json,
  renderTable3Markdown,
  renderTable4Csv,
  renderTable4Json,
  renderTable4Markdown,
  REPLY_OUTCOME_CODES,
  replyOutcomeLabel,
  TABLE3_COLUMNS,
  TABLE3_ROWS,
  type Table3Counts,
} from '../../src/cases/disclosure/rules/annualReport';

// Copied by hand from /work/shared/domain.md §1, in order.
const EXPECTED_ROW_LABELS = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '三、本年度办理结果',
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '（三）不予公开',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '（四）无法提供',
  '1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '（五）不予处理',
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
  '（六）其他处理',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
  '（七）总计',
  '四、结转下年度继续办理',
];

const balanced: Table3Counts = {
  new: { naturalPerson: 100, commercialEnterprise: 10, legalServiceOrganization: 2 },
  carriedOver: { naturalPerson: 5, commercialEnterprise: 1 },
  'outcome.disclosed': { naturalPerson: 50, commercialEnterprise: 6 },
  'outcome.partiallyDisclosed': { naturalPerson: 10 },
  'outcome.withheld.stateSecret': { naturalPerson: 1 },
  'outcome.unavailable.notHeld': { naturalPerson: 30, commercialEnterprise: 3, legalServiceOrganization: 2 },
  'outcome.notProcessed.petitionOrComplaint': { naturalPerson: 4 },
  'outcome.otherHandling.correctionOverdue': { naturalPerson: 2 },
  carriedForward: { naturalPerson: 8, commercialEnterprise: 2 },
};

describe('table 三 definition', () => {
  it('has every row label exactly as in domain.md, in order', () => {
    expect(TABLE3_ROWS.map((r) => r.label)).toEqual(EXPECTED_ROW_LABELS);
  });

  it('has unique, stable codes', () => {
    const codes = TABLE3_ROWS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(
      expect.arrayContaining(['new', 'carriedOver', 'outcome.disclosed', 'outcome.withheld.stateSecret', 'total', 'carriedForward']),
    );
  });

  it('has the columns 自然人 | 法人或其他组织: 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 | 总计', () => {
    expect(TABLE3_COLUMNS.map((c) => [c.label, c.group ?? null])).toEqual([
      ['自然人', null],
      ['商业企业', '法人或其他组织'],
      ['科研机构', '法人或其他组织'],
      ['社会公益组织', '法人或其他组织'],
      ['法律服务机构', '法人或其他组织'],
      ['其他', '法人或其他组织'],
      ['总计', null],
    ]);
    expect(APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t])).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
  });

  it('exports the 21 reply outcomes for the rest of the app', () => {
    expect(REPLY_OUTCOME_CODES).toHaveLength(21);
    expect(REPLY_OUTCOME_CODES[0]).toBe('outcome.disclosed');
    expect(REPLY_OUTCOME_CODES).not.toContain('outcome.withheld'); // headings are not outcomes
    expect(replyOutcomeLabel('outcome.notProcessed.repeated')).toBe('2.重复申请');
  });
});

describe('buildTable3', () => {
  const table = buildTable3(balanced);
  const row = (code: string) => table.rows.find((r) => r.code === code)!;

  it('computes the 总计 column and the （七）总计 row', () => {
    expect(row('new').values).toEqual({
      naturalPerson: 100,
      commercialEnterprise: 10,
      researchInstitution: 0,
      publicInterestOrganization: 0,
      legalServiceOrganization: 2,
      otherOrganization: 0,
      total: 112,
    });
    expect(row('total').values).toMatchObject({ naturalPerson: 97, commercialEnterprise: 9, legalServiceOrganization: 2, total: 108 });
    expect(row('outcome').values).toBeNull();
    expect(table.rows).toHaveLength(TABLE3_ROWS.length);
  });

  it('accepts an empty report (all zero)', () => {
    expect(buildTable3({}).rows.find((r) => r.code === 'total')!.values!.total).toBe(0);
  });

  it('throws naming the column when 一 + 二 ≠ （七）总计 + 四', () => {
    const broken = { ...balanced, carriedForward: { naturalPerson: 8, commercialEnterprise: 3 } };
    expect(() => buildTable3(broken)).toThrow(AnnualReportError);
    try {
      buildTable3(broken);
    } catch (err) {
      const e = err as AnnualReportError;
      expect(e.columns).toEqual(['commercialEnterprise', 'total']);
      expect(e.message).toContain('"法人或其他组织·商业企业"列(commercialEnterprise)：一+二=11，（七）总计+四=12');
      expect(e.message).toContain('"总计"列(total)');
      expect(e.message).not.toContain('自然人');
    }
  });

  it('rejects unknown rows, unknown columns, the computed row and bad numbers', () => {
    expect(() => buildTable3({ nonsense: {} } as unknown as Table3Counts)).toThrow(/没有可填写的行 "nonsense"/);
    expect(() => buildTable3({ total: { naturalPerson: 1 } } as unknown as Table3Counts)).toThrow(/"total"/);
    expect(() => buildTable3({ new: { alien: 1 } } as unknown as Table3Counts)).toThrow(/未知的申请人类型列 "alien"/);
    expect(() => buildTable3({ new: { naturalPerson: -1 } })).toThrow(/"一、本年新收政府信息公开申请数量"行"自然人"列/);
    expect(() => buildTable3({ new: { naturalPerson: 1.5 } })).toThrow(AnnualReportError);
  });
});

describe('table 三 renderers', () => {
  const table = buildTable3(balanced);

  it('国办公开办函〔2021〕30号 template: renders Markdown with the column note, 申请人情况 and the two-level header, full-width punctuation', () => {
    const md = renderTable3Markdown(table);
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('**三、收到和处理政府信息公开申请情况**');
    expect(lines[2]).toBe('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |  |  |  |  |  |  |');
    expect(lines[4]).toBe('|  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |');
    expect(lines[5]).toBe('|  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |');
    expect(lines).toContain('| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 10 | 0 | 0 | 0 | 0 | 0 | 10 |');
    expect(lines).toContain('| 一、本年新收政府信息公开申请数量 | 100 | 10 | 0 | 0 | 2 | 0 | 112 |');
    expect(lines).toContain('| （三）不予公开 |  |  |  |  |  |  |  |');
    expect(lines[lines.length - 1]).toBe('| 四、结转下年度继续办理 | 8 | 2 | 0 | 0 | 0 | 0 | 10 |');
  });

  it('renders CSV (RFC 4180, quoting labels with commas)', () => {
    const csv = renderTable3Csv(table);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）,申请人情况,,,,,,');
    expect(lines[1]).toBe(',自然人,法人或其他组织,,,,,总计');
    expect(lines[2]).toBe(',,商业企业,科研机构,社会公益组织,法律服务机构,其他,');
    expect(lines).toContain('（二）部分公开（区分处理的，只计这一情形，不计其他情形）,10,0,0,0,0,0,10');
    expect(lines).toContain('3.危及“三安全一稳定”,0,0,0,0,0,0,0');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(renderTable3Csv(table, { bom: true }).startsWith('\uFEFF（本列数据')).toBe(true);
  });

  it('renders JSON with codes, labels and values', () => {
    const json = JSON.parse(renderTable3Json(table));
    expect(json.title).toBe('三、收到和处理政府信息公开申请情况');
    expect(json.columns[1]).toEqual({ code: 'commercialEnterprise', label: '商业企业', group: '法人或其他组织' });
    expect(json.rows.find((r: { code: string }) => r.code === 'total').values.total).toBe(108);
    expect(json.rows.find((r: { code: string }) => r.code === 'outcome')).toEqual({
      code: 'outcome',
      kind: 'heading',
      label: '三、本年度办理结果',
    });
  });
});

describe('table 四', () => {
  const table = buildTable4({
    review: { upheld: 3, corrected: 1, other: 0, pending: 2 },
    directLawsuit: { upheld: 1, pending: 1 },
  });

  it('computes 总计 per proceeding, zero where nothing was given', () => {
    expect(table.cells.review).toEqual({ upheld: 3, corrected: 1, other: 0, pending: 2, total: 6 });
    expect(table.cells.directLawsuit.total).toBe(2);
    expect(table.cells.lawsuitAfterReview).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  });

  it('rejects unknown proceedings, a given 总计 and bad numbers', () => {
    expect(() => buildTable4({ appeal: {} } as never)).toThrow(/表四没有 "appeal"/);
    expect(() => buildTable4({ review: { total: 5 } } as never)).toThrow(/总计由系统计算/);
    expect(() => buildTable4({ review: { upheld: -2 } })).toThrow(/表四"行政复议""结果维持"/);
  });

  it('国办公开办函〔2021〕30号 template: renders table 四 as one row of 15 numbers under its three header lines, in Markdown and CSV, and JSON', () => {
    const md = renderTable4Markdown(table).split('\n');
    expect(md[0]).toBe('**四、政府信息公开行政复议、行政诉讼情况**');
    expect(md[2]).toBe('| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |');
    expect(md[4]).toBe('|  |  |  |  |  | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |');
    expect(md[5]).toBe(`| ${Array(3).fill('结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计').join(' | ')} |`);
    expect(md[6]).toBe('| 3 | 1 | 0 | 2 | 6 | 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 |');
    expect(md.filter((l) => l.startsWith('|'))).toHaveLength(5);
    const csv = renderTable4Csv(table).split('\r\n');
    expect(csv[0]).toBe('行政复议,,,,,行政诉讼,,,,,,,,,');
    expect(csv[3]).toBe('3,1,0,2,6,1,0,0,1,2,0,0,0,0,0');
    const json = JSON.parse(renderTable4Json(table));
    expect(json.proceedings[1]).toMatchObject({ code: 'directLawsuit', label: '未经复议直接起诉', group: '行政诉讼' });
    expect(json.proceedings[0].results[4]).toEqual({ code: 'total', label: '总计', count: 6 });
  });
});
