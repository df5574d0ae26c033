import type { GateResult } from '../nlp/decide';
import type { KnowledgeIndex, MatchableEntry, ScoredCandidate } from '../nlp/knowledgeIndex';
import type { Lexicon } from '../nlp/lexicon';
import { MIN_SUBJECT_COVERAGE, subjectCoverage, type QuestionStructure } from '../nlp/structure';
import type { ElsewherePlace } from '../nlp/match';
import { normalize } from '../nlp/normalize';
import { alternation, endingWith, NOTHING } from '../nlp/story';
import { addSegmenterWords, analyzeNormalized, canonicalTerm, segment, tagWords } from '../nlp/segment';
import type { City } from './city';
import { allDivisions, type Division } from './divisions';

interface Mention {
  /** Official name (南京 → 南京市); for a district name several cities share, the name itself. */
  name: string;
  local: boolean;
  outsideMainland: boolean;
  /** Its first token, and the token after it. */
  token: number;
  end: number;
  /** The word before it says where the citizen is or goes (我在北京看病), not whose policy is asked. */
  afterLocationWord: boolean;
  /**
   * The citizen only goes there, leaving the home the question names here (去海南过冬 家里的暖气: City.departureWords
   * before it, City.homeWords in the question, no 的 after it): no matter of that place is asked about.
   */
  leftFor: boolean;
  /**
   * A place outside the mainland the citizen only goes to (去澳门玩: City.departureWords before it, no 的 after it):
   * the permits to go there are this city's matter, asked by the place's name as written.
   */
  trip: boolean;
  /** 的 follows it, or it opens the question: the place is named as whose matter it is (周口的户口迁入). */
  possessive: boolean;
  /** A province: this city's own province only sets the scene for a city of it (河南周口的医保). */
  province: boolean;
}

/** A question read for places: its text with the places taken out, and what was named. */
export interface PlaceReading {
  /** The text to match: another place reads as 外地 (the matcher's word for out of town), this city's own as nothing. */
  text: string;
  mentions: readonly Mention[];
  /** The question says it is about moving between places (转到这边, 外省): see City.crossRegionTerms. */
  crossRegion: boolean;
  /** A word other than a place's follower points at this city (过来, 本市): see City.hereWords. */
  here: boolean;
}

/**
 * A bare city name the segmenter's dictionary tags as an ordinary noun, verb, adjective or
 * conjunction may be that word (来宾, 日照, 开封) — or a city its dictionary merely mistags (周口,
 * 信阳). It is taken for the place only where it stands in a place's slot: see `inPlaceSlot`.
 */
const ORDINARY_WORD_TAGS = new Set(['n', 'vn', 'v', 'a', 'c']);
/** A district named by one character before 区 (阳泉市城区, 攀枝花市东区): see the constructor. */
const GENERIC_DISTRICT = /^.区$/;
/** Stands in for another place in the text that is matched: 外地 is how citizens say "out of town". */
const OTHER_PLACE_WORD = '外地';

/** One of `words` starting a token, unless one of `except` does; nothing for no words. */
function startingWith(words: readonly string[], except: readonly string[]): RegExp {
  const choices = alternation(words);
  const exceptions = alternation(except);
  return choices === null ? NOTHING : new RegExp(`^${exceptions === null ? '' : `(?!${exceptions})`}(?:${choices})`);
}

/**
 * Finds provinces, cities and districts named in a question (GB/T 2260 names, with or without
 * 省/市/区/县) and decides whether it asks about another place's policy. Built once from config/city.yaml,
 * whose words of how citizens write places it compiles once:
 * - provinceSuffixes, citySuffixes: suffixes of the official names of provinces and prefecture-level cities;
 *   the bare name is what citizens mostly write (南京, 广西). Districts, counties and county-level cities are
 *   only taken with their suffix (鼓楼区, 嵩县, 昆山市): too many of their bare names are ordinary words (合作, 东方, 安宁);
 * - separateSuffixes: a suffix the segmenter may leave apart from the name (合作 市);
 * - placeLeaders (with locationWords) and placeFollowers: words before or after a bare name that is also an
 *   ordinary word that make it a place (老家是周口; 开封的, 周口那边, 开封今年啥时候供暖): see `inPlaceSlot`;
 * - placeOffices: endings of a public office's name that make such a bare name before it a place (商丘法律援助中心);
 * - namedAfterPlace: a bare name followed by one of these is a street, a station or an institution named after
 *   the place (南京路, 长沙站), not the place, unless one of notNamedAfterPlace follows (苏州大学生: the place's people).
 */
export class Places {
  /** Written form → the divisions it may name, provinces first; `ambiguous`: a bare name that is also an ordinary word. */
  private readonly forms = new Map<string, { divisions: Division[]; bare: boolean; ambiguous: boolean }>();
  private readonly crossRegionTerms: ReadonlySet<string>;
  private readonly hereWords: ReadonlySet<string>;
  private readonly locationWords: ReadonlySet<string>;
  private readonly departureWords: ReadonlySet<string>;
  private readonly homeWords: ReadonlySet<string>;
  private readonly provinceSuffix: RegExp;
  private readonly citySuffix: RegExp;
  private readonly separateSuffixes: ReadonlySet<string>;
  private readonly placeLeaders: ReadonlySet<string>;
  private readonly placeFollowers: ReadonlySet<string>;
  private readonly placeOffice: RegExp;
  private readonly namedAfterPlace: RegExp;
  private readonly streetEndings: ReadonlySet<string>;
  private readonly crossRegionEntries = new WeakMap<MatchableEntry, boolean>();

  constructor(private readonly city: City) {
    this.crossRegionTerms = new Set(city.crossRegionTerms);
    this.hereWords = new Set(city.hereWords);
    this.locationWords = new Set(city.locationWords);
    this.departureWords = new Set(city.departureWords);
    this.homeWords = new Set(city.homeWords);
    this.provinceSuffix = endingWith(city.provinceSuffixes) ?? NOTHING;
    this.citySuffix = endingWith(city.citySuffixes) ?? NOTHING;
    this.separateSuffixes = new Set(city.separateSuffixes);
    this.placeLeaders = new Set(city.placeLeaders);
    this.placeFollowers = new Set(city.placeFollowers);
    this.placeOffice = endingWith(city.placeOffices) ?? NOTHING;
    this.namedAfterPlace = startingWith(city.namedAfterPlace, city.notNamedAfterPlace);
    this.streetEndings = new Set(city.namedAfterPlace);
    // Full names stay whole however rare they are in the segmenter's dictionary (川汇区, 浦东新区).
    addSegmenterWords(allDivisions().map((division) => division.name));
    for (const division of allDivisions()) {
      // One character before 区 (城区, 郊区, 东区) is what any city calls a part of itself, not a district named alone.
      if (division.level === 'district' && GENERIC_DISTRICT.test(division.name)) continue;
      this.add(division.name, division, false);
      // A county-level city its province governs directly (济源市) is named bare as a prefecture is, where the segmenter knows it as a place.
      const directCity =
        division.level === 'district' && division.city === null && !division.outsideMainland && division.name.endsWith('市');
      if (division.level === 'district' && !directCity) continue;
      const bare = division.name.replace(division.level === 'province' ? this.provinceSuffix : this.citySuffix, '');
      if (bare === division.name || bare.length < 2) continue;
      const [tagged] = tagWords(bare);
      if (directCity && !(tagged?.word === bare && tagged.tag === 'ns')) continue;
      const ordinary = division.level !== 'province' && tagged?.word === bare && ORDINARY_WORD_TAGS.has(tagged.tag);
      this.add(bare, division, true, ordinary);
    }
    this.addLocalDistrictNames();
  }

  /**
   * Citizens name this city's own districts and counties as they speak of them, without the suffix or the
   * people a district is named for (瀍河回族区: 瀍河, 瀍河区); read as this city's, they drop out of the text matched
   * as its full name does. Only names no other place bears; one the segmenter knows as an ordinary word (老城)
   * counts where a place stands, as a city's bare name does.
   */
  private addLocalDistrictNames(): void {
    const suffix = endingWith(this.city.separateSuffixes) ?? NOTHING;
    const forms: string[] = [];
    for (const division of allDivisions()) {
      if (division.level !== 'district' || !this.isLocal(division)) continue;
      const written = division.name.match(suffix)?.[0];
      if (!written) continue;
      const words = tagWords(division.name.slice(0, -written.length));
      // The people a district is named for come last (回族, 土家族自治): the place's own name is before them.
      while (words.length > 1 && /族$|^自治$/.test(words[words.length - 1].word)) words.pop();
      const bare = words.map(({ word }) => word).join('');
      const ordinary = words.length === 1 && ORDINARY_WORD_TAGS.has(words[0].tag);
      for (const [form, isBare] of [
        [bare + written, false],
        [bare, true],
      ] as const) {
        if (form.length < 2 || this.forms.has(form)) continue;
        this.add(form, division, isBare, isBare && ordinary);
        forms.push(form);
      }
    }
    addSegmenterWords(forms);
  }

  private add(form: string, division: Division, bare: boolean, ambiguous = false): void {
    const known = this.forms.get(form);
    if (!known) this.forms.set(form, { divisions: [division], bare, ambiguous });
    else known.divisions.push(division);
  }

  /**
   * Whether the token at `i` stands where a place does: after a location word or 是/老家, before
   * 的/那边 or a district (周口川汇区), before a domain noun the lexicon knows (商丘低保) or the knowledge base's
   * entries name in a head field (`baseNames`: a city's own base names things the lexicon never heard of), or opening
   * the name of a public office (商丘法律援助中心: see `opensOffice`) — not before an action or an ordinary word
   * (来宾登记, 日照时间).
   */
  private inPlaceSlot(tokens: readonly string[], i: number, lexicon: Lexicon, baseNames?: (term: string) => boolean): boolean {
    const before = tokens[i - 1] ?? '';
    const next = tokens[i + 1] ?? '';
    if (this.locationWords.has(before) || this.placeLeaders.has(before) || this.placeFollowers.has(next) || this.forms.has(next))
      return true;
    if (this.opensOffice(tokens, i, lexicon)) return true;
    const term = canonicalTerm(next, lexicon);
    return term !== null && next.length >= 2 && (lexicon.words.has(next) || baseNames?.(term) === true) && !this.isAction(term, lexicon);
  }

  /** An action or an aspect asked of it (登记, 电话), not a thing. */
  private isAction(term: string, lexicon: Lexicon): boolean {
    return lexicon.actionOf.has(term) || lexicon.actionWords.has(term) || lexicon.aspectTerms.has(term);
  }

  /**
   * Whether one of the three tokens after `i` ends the name of a public office (法律 援助 中心, 市民 服务中心) with
   * no action before it: the office is that place's (来宾登记处 is not: 登记 is what is done).
   */
  private opensOffice(tokens: readonly string[], i: number, lexicon: Lexicon): boolean {
    for (const token of tokens.slice(i + 1, i + 4)) {
      if (this.placeOffice.test(token)) return true;
      if (this.isAction(canonicalTerm(token, lexicon) ?? token, lexicon)) return false;
    }
    return false;
  }

  /**
   * The place forms a token the segmenter kept whole is made of (上海浦东新区 → 上海, 浦东新区), or
   * none when it is not wholly made of them.
   */
  private splitJoined(token: string): string[] | null {
    for (let cut = token.length - 2; cut >= 2; cut--) {
      const head = token.slice(0, cut);
      const tail = token.slice(cut);
      if (this.forms.has(head) && this.forms.has(tail)) return [head, tail];
    }
    return null;
  }

  /** The official name of the other place `name` is (新城区 where the city is 洛阳市: 西安市新城区), or null when it is this city's or no place. */
  otherPlaceNamed(name: string): string | null {
    const known = this.forms.get(name);
    if (!known || known.divisions.some((division) => this.isLocal(division))) return null;
    const [division] = known.divisions;
    return division.level === 'district' && division.city ? `${division.city}${division.name}` : division.name;
  }

  private isLocal(division: Division): boolean {
    const { name, province, districts } = this.city;
    if (division.level === 'province') return division.name === province;
    if (division.level === 'city') return division.name === name;
    return division.city === name || districts.includes(division.name);
  }

  /** The places a normalized question names, and its text to match with them read as 外地 (or left out when local). */
  read(normalized: string, lexicon: Lexicon, baseNames?: (term: string) => boolean): PlaceReading {
    // A loop, not flatMap (slow in V8): this runs for every clause of every question.
    const tokens: string[] = [];
    for (const token of segment(normalized, lexicon)) {
      const joined = this.forms.has(token) ? null : this.splitJoined(token);
      if (joined) tokens.push(...joined);
      else tokens.push(token);
    }
    const home = tokens.some((token) => this.homeWords.has(token));
    const mentions: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const next = tokens[i + 1] ?? '';
      // The segmenter may leave the suffix apart (合作 市): the name with it is the full name.
      const suffixed = this.separateSuffixes.has(next) && this.forms.has(tokens[i] + next);
      const written = suffixed ? tokens[i] + next : tokens[i];
      const form = this.forms.get(written);
      if (!form) continue;
      // A word the knowledge base names that merely starts like a street (路灯 of 路灯维修), not the ending itself (公司), leaves the
      // name a place: asked only of a place's bare name before such a word, not of every token (and no closure per token).
      if (form.bare && this.namedAfterPlace.test(next)) {
        const baseWord = next.length >= 2 && !this.streetEndings.has(next) && baseNames?.(canonicalTerm(next, lexicon) ?? '') === true;
        if (!baseWord) continue;
      }
      if (form.ambiguous && !suffixed && !this.inPlaceSlot(tokens, i, lexicon, baseNames)) continue;
      const local = form.divisions.some((division) => this.isLocal(division));
      const [first] = form.divisions;
      // A district name several cities share (鼓楼区) is reported as written.
      const name = form.divisions.every((division) => division.level === 'district') && form.divisions.length > 1 ? written : first.name;
      // Opening the question, it is whose matter it is as well (太原户口怎么迁入).
      const possessive = tokens[suffixed ? i + 2 : i + 1] === '的' || i === 0;
      mentions.push({
        name,
        local,
        outsideMainland: first.outsideMainland,
        token: i,
        end: suffixed ? i + 2 : i + 1,
        afterLocationWord: i > 0 && this.locationWords.has(tokens[i - 1]),
        leftFor: home && !possessive && this.departureWords.has(tokens[i - 1]),
        trip: first.outsideMainland && !possessive && this.departureWords.has(tokens[i - 1]),
        possessive,
        province: form.divisions.every((division) => division.level === 'province'),
      });
      if (suffixed) i++;
    }
    if (mentions.length === 0) return { text: normalized, mentions, crossRegion: false, here: false };
    const named = new Set(mentions.flatMap(({ token, end }) => Array.from({ length: end - token }, (_, k) => token + k)));
    const crossRegion = tokens.some((token, i) => !named.has(i) && this.crossRegionTerms.has(canonicalTerm(token, lexicon) ?? ''));
    // 周口这边 is that place; 这边 elsewhere in the question is this city.
    const here = tokens.some((token, i) => !named.has(i) && this.hereWords.has(token) && !mentions.some(({ end }) => end === i));
    // Tokens are cut in order from the normalized text (spaces dropped): replace the mentions where they stand.
    const starts: number[] = [];
    let offset = 0;
    for (const token of tokens) {
      offset = normalized.indexOf(token, offset);
      starts.push(offset);
      offset += token.length;
    }
    let text = '';
    let from = 0;
    for (const { token, end, local, leftFor, trip } of mentions) {
      const place = normalized.slice(starts[token], starts[end - 1] + tokens[end - 1].length);
      text += normalized.slice(from, starts[token]) + (trip ? place : local || leftFor ? ' ' : OTHER_PLACE_WORD);
      from = starts[end - 1] + tokens[end - 1].length;
    }
    text += normalized.slice(from);
    return { text: text.replace(/ +/g, ' ').trim(), mentions, crossRegion, here };
  }

  /**
   * Whether a question naming another place asks about that place's policy. It does when it names
   * another place and not this city, and does not say it is about moving between places
   * (转到这边, 外省) — or says so of a matter it names as the other place's (周口的户口迁入) with
   * nothing pointing here (City.hereWords). Except: a story set in the other place (我在北京看病), the place named
   * only after location words (named again, 北京那边的公积金提取, it asks for that place's rule), asks what this city
   * offers people who are there — its entries about moving between places (异地就医备案): the best
   * of them is answered when it scores as an answer would and covers what is asked besides where
   * (`structure`, the question's: 安阳的残疾人两项补贴 is not answered with the entry on applying by
   * letter from out of town, which shares only 外地). Nor does a question naming the home left here
   * (家里的暖气) when the citizen only goes to the other place (去海南过冬). `gate` is the matcher's
   * decision, kept for a question about this city.
   */
  judge<Gate extends { decision: string }>(
    reading: PlaceReading,
    gate: Gate,
    ranked: readonly ScoredCandidate[],
    answerMin: number,
    index: KnowledgeIndex,
    structure?: QuestionStructure,
  ): { gate: Gate | GateResult; place?: ElsewherePlace } {
    const other = reading.mentions.find((mention) => !mention.local);
    if (!other || reading.mentions.some((mention) => mention.local && !(mention.province && !other.province))) return { gate };
    // Moving between places is this city's matter, unless the place is named as whose matter it is and nothing points here.
    const possessive = reading.mentions.some((mention) => mention.possessive);
    if (reading.crossRegion && !(possessive && !reading.here)) return { gate };
    if (reading.mentions.every((mention) => mention.local || mention.leftFor || mention.trip)) return { gate };
    if (reading.mentions.every((mention) => mention.local || mention.afterLocationWord)) {
      const placeTerm = canonicalTerm(OTHER_PLACE_WORD, index.lexicon);
      // Where (外地) and words pointing here (回来) name no thing asked about.
      const asked = structure && {
        ...structure,
        subjects: structure.subjects.filter(({ term }) => term !== placeTerm && !this.hereWords.has(term)),
      };
      const crossRegion = ranked.find(
        ({ entry, score }) =>
          score >= answerMin &&
          this.isCrossRegionEntry(index, entry) &&
          (!asked || subjectCoverage(asked, entry, index) >= MIN_SUBJECT_COVERAGE),
      );
      if (crossRegion) return { gate: { decision: 'answer', entry: crossRegion.entry, candidates: [crossRegion] } };
    }
    return { gate, place: { name: other.name, hotline: other.outsideMainland ? null : this.city.hotline } };
  }

  /** Whether an entry's title, questions or keywords use a cross-region term (异地就医备案). */
  private isCrossRegionEntry(index: KnowledgeIndex, key: string): boolean {
    const entry = index.entry(key);
    if (!entry) return false;
    let crossRegion = this.crossRegionEntries.get(entry);
    if (crossRegion === undefined) {
      const head = [entry.title, ...entry.questions, ...(entry.keywords ?? [])].join(' ');
      crossRegion = analyzeNormalized(normalize(head), index.lexicon).some((term) => this.crossRegionTerms.has(term));
      this.crossRegionEntries.set(entry, crossRegion);
    }
    return crossRegion;
  }
}
