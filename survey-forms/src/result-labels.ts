/**
 * Names people read for fixed codes (unit types, SIPAS elements), in Vietnamese and English:
 * one definition for the console and the exports meant for people. Zod-free.
 */
export type LabelLang = 'vi' | 'en';

export const UNIT_TYPE_NAMES: Record<LabelLang, Record<string, string>> = {
  vi: { so: 'Sở, ban, ngành', huyen: 'Cấp huyện', xa: 'Cấp xã' },
  en: { so: 'Agencies', huyen: 'Districts', xa: 'Communes' },
};

/** docs/SCORING.md rule 8: the five SIPAS elements. */
export const SIPAS_NAMES: Record<LabelLang, Record<string, string>> = {
  vi: {
    access: 'Tiếp cận dịch vụ',
    procedure: 'Thủ tục hành chính',
    civil_servant: 'Công chức giải quyết công việc',
    result: 'Kết quả giải quyết',
    feedback: 'Tiếp nhận, xử lý góp ý',
  },
  en: { access: 'Access to the service', procedure: 'Procedure', civil_servant: 'Civil servant', result: 'Result', feedback: 'Handling of feedback' },
};
