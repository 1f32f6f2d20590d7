import { FLAG_TITLES, flagText } from '../../../survey-forms/src/flag-text';
import { formatInterval, formatNumber } from '../../../survey-forms/src/number-format';
import type { ScoreFlag, UnitScoreView } from '../../../survey-forms/src/scores-api';
import { realInterval } from '../../../survey-forms/src/shown-interval';
import { lang } from '../../lib/i18n';
import type { ResultNames } from './results-names';
import { rt } from './results-text';

/**
 * How the console writes a unit's figures (issue 11): numbers the Vietnamese way
 * (survey-forms/src/number-format.ts), a provisional rank for a unit below a quota minimum,
 * and no interval where there is none (survey-forms/src/shown-interval.ts, shared with the
 * workbook for people): a provisional unit's, or one of zero width, is never drawn as a point.
 */
export { realInterval };

export const intervalText = (u: Pick<UnitScoreView, 'ci95' | 'provisional' | 'percent'>): string => {
  if (u.percent === null) return '';
  const ci = realInterval(u);
  return ci ? formatInterval(ci[0], ci[1]) : rt().noInterval;
};

export const rankText = (u: Pick<UnitScoreView, 'rank' | 'provisional'>): string =>
  u.rank === null ? '—' : u.provisional ? `${formatNumber(u.rank)} (${rt().provisional})` : formatNumber(u.rank);

export const flagTitle = (f: Pick<ScoreFlag, 'code'>): string => FLAG_TITLES[lang()][f.code];

/** The flag's sentence in the interface language; a flag stored before flags had parameters keeps its own text. */
export const flagSentence = (f: ScoreFlag, names: ResultNames): string =>
  f.params ? flagText({ code: f.code, params: f.params }, lang(), names.flags) : f.detail;
