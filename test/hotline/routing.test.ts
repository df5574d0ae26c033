import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../../src/platform/data/loadDataFile';
import { loadRoutingTable, parseRoutingTable, routeTicket } from '../../src/cases/hotline/routing';
import { loadHotlineData } from '../../src/cases/hotline/settings';
import { loadCity } from '../../src/understanding/places/city';
import { Places } from '../../src/understanding/places/places';
import { writeTempFiles } from './support';

const table = loadRoutingTable(join(__dirname, '../../config/hotline-routing.yaml'));

describe('dispatch routing (config/hotline-routing.yaml)', () => {
  it.each([
    ['complaint', '小区门口烧烤店噪音扰民到凌晨', '西工区幸福路12号', 'xigongDistrict'],
    ['complaint', '工地夜间施工噪音扰民', '洛龙区滨河路', 'luolongDistrict'],
    ['complaint', '工地夜间施工噪音扰民', '开发区创业大道', 'urbanManagement'],
    ['help', '整栋楼停水一天了', '西工区幸福小区', 'water'],
    ['complaint', '公司拖欠工资三个月', '开发区创业大道8号', 'humanResources'],
    ['consultation', '想了解一下老旧小区改造的计划', '开发区', 'developmentZone'],
    ['suggestion', '希望多开几条夜班车', null, 'transport'],
    ['consultation', '想问问这件事归谁管', null, 'hotlineCenter'],
  ])('%s %s (%s) → %s', (category, content, location, department) => {
    expect(routeTicket(table, { category, content, location })).toBe(department);
  });

  it('lets a rule be limited to categories', () => {
    const limited = parseRoutingTable(`
departments: [{ code: center, name: 中心 }, { code: police, name: 公安 }]
default: center
rules:
  - { department: police, keywords: [赌博], categories: [report] }
`);
    expect(routeTicket(limited, { category: 'report', content: '有人聚众赌博', location: null })).toBe('police');
    expect(routeTicket(limited, { category: 'consultation', content: '赌博怎么处罚', location: null })).toBe('center');
  });

  it('refuses unknown departments, empty rules and unknown categories, naming file and field', () => {
    expect(() =>
      parseRoutingTable(
        'departments: [{ code: center, name: 中心 }]\ndefault: nowhere\nrules: [{ department: police, keywords: [x] }, { department: center }]\n',
        'routing.yaml',
      ),
    ).toThrow(
      new DataFileError([
        'routing.yaml: default: "nowhere" is not one of the departments',
        'routing.yaml: rules[0].department: "police" is not one of the departments',
        'routing.yaml: rules[1]: must set keywords, areas or categories',
      ]),
    );
    const dir = writeTempFiles({
      'hotline-sla.yaml': readFileSync(join(__dirname, '../../config/hotline-sla.yaml'), 'utf8'),
      'hotline-routing.yaml':
        'departments: [{ code: center, name: 中心 }]\ndefault: center\nrules: [{ department: center, categories: [praise] }]\n',
    });
    expect(() => loadHotlineData(dir)).toThrow(/hotline-routing.yaml: rules\[0\]\.categories\[0\]: "praise" is not a hotline category/);
    // ... which WENZHENG_HOTLINE_CATEGORIES can add; a clash with a built-in one is refused.
    expect(loadHotlineData(dir, [{ code: 'praise', label: '表扬' }]).settings.categories.map((c) => c.label)).toEqual([
      '咨询',
      '求助',
      '投诉',
      '举报',
      '意见建议',
      '表扬',
    ]);
    expect(() => loadHotlineData(dir, [{ code: 'complaint', label: '吐槽' }])).toThrow(
      /WENZHENG_HOTLINE_CATEGORIES: extraCategories\[0\]\.code: "complaint" is already a built-in category/,
    );
  });

  it("refuses an area the bot would read as another city's, naming file and field; the city's districts and areas that are no place pass", () => {
    const places = new Places(loadCity(join(__dirname, '../../config/city.yaml')));
    const otherPlace = (area: string) => places.otherPlaceNamed(area);
    const withAreas = (areas: string) =>
      writeTempFiles({
        'hotline-sla.yaml': readFileSync(join(__dirname, '../../config/hotline-sla.yaml'), 'utf8'),
        'hotline-routing.yaml': `departments: [{ code: center, name: 中心 }, { code: district, name: 区政府 }]\ndefault: center\nrules: [{ department: district, areas: [${areas}] }]\n`,
      });
    // 新城区 is a district of 西安市 (and of 呼和浩特市), not of 洛阳市: a citizen naming it would be pointed there.
    expect(() => loadHotlineData(withAreas('西工区, 新城区'), [], otherPlace)).toThrow(
      /hotline-routing.yaml: rules\[0\]\.areas\[1\]: "新城区" is not in this city \(config\/city.yaml\) but \S+新城区/,
    );
    expect(loadHotlineData(withAreas('西工区, 洛龙区, 开发区'), [], otherPlace).routing.rules[0].areas).toEqual([
      '西工区',
      '洛龙区',
      '开发区',
    ]);
    // The shipped routing names only the city's own districts.
    expect(() => loadHotlineData(join(__dirname, '../../config'), [], otherPlace)).not.toThrow();
  });
});
