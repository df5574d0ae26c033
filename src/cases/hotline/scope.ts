/**
 * What the 12345 hotline does not take, and where the citizen is pointed instead (国办发〔2020〕53号,
 * domain.md §2): emergencies to 110/119/120/122 at once, officials' corruption and breaches of
 * discipline to the discipline-inspection line 12388, 信访 matters to the petition channel. None
 * of them becomes a ticket. The words are data (seeds/nlp/hotline.yaml, intents/emergency.yaml),
 * the numbers and channels the city's (config/city.yaml).
 */
import { DataFileError } from '../../platform/data/loadDataFile';
import { recognizeIntent } from '../../understanding/intents/recognize';
import { renderReply } from '../../understanding/intents/reply';
import type { Intent } from '../../understanding/intents/schema';
import type { Lexicon } from '../../understanding/nlp/lexicon';
import type { City } from '../../understanding/places/city';
import { notHotlineMatter, type HotlineVocabulary, type NotHotlineMatter } from './classify';

export interface HotlineScope {
  vocabulary: HotlineVocabulary;
  /** The emergency intent's reply when the text names an emergency (the one detector, as in chat), else null. */
  emergencyReply(text: string): string | null;
  /** 12388 or the petition channel when the text is such a matter, with the reply naming it; else null. */
  redirect(text: string): { matter: NotHotlineMatter; message: string } | null;
}

export type ScopeChannels = Pick<City, 'emergencyNumbers' | 'disciplineReport' | 'petition'>;

const REDIRECTS: Record<NotHotlineMatter, (channels: ScopeChannels) => string> = {
  discipline: ({ disciplineReport }) =>
    `反映公职人员、党员干部贪污受贿、违纪违法或作风问题，请向纪检监察机关举报：拨打纪检监察举报电话${disciplineReport.phone}，或通过${disciplineReport.online}在线举报。12345热线不受理此类举报，本平台不会为此生成工单。`,
  petition: ({ petition }) =>
    `信访事项（包括信访事项的复查、复核）请通过信访渠道反映：向${petition.office}提出，或通过${petition.online}网上信访。12345热线不受理信访事项，本平台不会为此生成工单。`,
};

/**
 * The hotline's scope over the loaded data. Checks that every emergency situation has the city's
 * number (DataFileError naming city.yaml's emergencyNumbers otherwise).
 */
export function createHotlineScope(deps: {
  vocabulary: HotlineVocabulary;
  channels: ScopeChannels;
  cityFile: string;
  intents: readonly Intent[];
  lexicon?: Lexicon;
}): HotlineScope {
  const { vocabulary, channels, intents, lexicon } = deps;
  const emergency = intents.filter((intent) => intent.name === 'emergency');
  const missing = emergency
    .flatMap((intent) => intent.situations)
    .filter((situation) => !channels.emergencyNumbers.some((n) => n.service === situation.service));
  if (missing.length)
    throw new DataFileError(
      missing.map((s) => `${deps.cityFile}: emergencyNumbers: has no number for "${s.service}" (a situation of the emergency intent)`),
    );
  return {
    vocabulary,
    emergencyReply(text) {
      const match = recognizeIntent(text, emergency, lexicon);
      return match ? renderReply(intents, match, {}, channels.emergencyNumbers) : null;
    },
    redirect(text) {
      const matter = notHotlineMatter(vocabulary, text);
      return matter ? { matter, message: REDIRECTS[matter](channels) } : null;
    },
  };
}
