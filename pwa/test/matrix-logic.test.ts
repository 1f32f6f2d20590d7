import { describe, expect, it } from 'vitest';
import type { Question } from '../../survey-forms/src/questionnaire';
import { dontKnowOption, fillPlan, findUnits, firstCell, fold, isPaged, resumePage, shortLabel, totalProgress, unitProgress, unitSkipPlan, type CellSource } from '../components/matrix-logic';

/** The cross-evaluation matrix's pure rules: paging, progress, fill and skip plans, search. */
const scale = [
  { code: 'A', label: 'Rất tốt', weight: 1 },
  { code: 'B', label: 'Tốt', weight: 0.6 },
  { code: 'C', label: 'Trung bình', weight: 0.2 },
  { code: 'D', label: 'Kém', weight: 0 },
  { code: 'E', label: 'Không biết / Không đánh giá', weight: null },
];
const q = (id: string, options = scale): Question => ({ id, kind: 'single', text: id, required: true, profile: false, perUnit: true, options });
const questions = [q('x1'), q('x2'), q('x3', scale.slice(0, 4))];
const units = [
  { id: 'u1', name: 'Xã Tân Phú' },
  { id: 'u2', name: 'Phường Đông Hòa' },
  { id: 'u3', name: 'Xã Tân Phước' },
];

/** Answers as "question|unit" → code; x3 is hidden for u3 (skip logic). */
function source(answers: Record<string, string>): CellSource {
  return { value: (qid, uid) => answers[`${qid}|${uid}`], shown: (qid, uid) => !(qid === 'x3' && uid === 'u3') };
}

describe('matrix paging and progress', () => {
  it('shows a matrix of at most 8 cells whole and pages anything larger', () => {
    expect(isPaged(2, 3)).toBe(false); // 6 cells
    expect(isPaged(2, 4)).toBe(false); // 8 cells
    expect(isPaged(3, 3)).toBe(true); // 9 cells
    expect(isPaged(7, 150)).toBe(true);
  });

  it('counts answered of shown cells per unit, a hidden cell counting for nothing', () => {
    const cells = source({ 'x1|u1': 'A', 'x2|u1': 'E', 'x3|u1': 'B', 'x1|u3': 'C', 'x2|u3': 'D' });
    const p = unitProgress(questions, units, cells);
    // u1: three shown, three answered; u2: three shown, none; u3: x3 hidden, so two shown, two answered.
    expect(Object.fromEntries(p)).toEqual({ u1: { answered: 3, total: 3 }, u2: { answered: 0, total: 3 }, u3: { answered: 2, total: 2 } });
    expect(totalProgress(p)).toEqual({ answered: 5, total: 8, unitsDone: 2 });
  });

  it('finds the first gap down each question, or across each unit, with its page', () => {
    const cells = source({ 'x1|u1': 'A', 'x1|u2': 'B', 'x1|u3': 'C', 'x2|u1': 'A' });
    const gap = (qid: string, uid: string) => cells.shown(qid, uid) && cells.value(qid, uid) === undefined;
    // By question: x1 is complete, so x2 (page 1) for its first blank unit u2.
    expect(firstCell('question', questions, units, gap)).toEqual({ questionId: 'x2', unitId: 'u2', page: 1 });
    // By unit: u1 still lacks x3, so page 0.
    expect(firstCell('unit', questions, units, gap)).toEqual({ questionId: 'x3', unitId: 'u1', page: 0 });
    expect(resumePage('question', questions, units, cells)).toBe(1);
    expect(firstCell('question', questions, units, () => false)).toBeNull();
    expect(resumePage('unit', questions, units, source({}))).toBe(0);
  });
});

describe('fill the column and skip a unit', () => {
  it('fills blanks without asking and lists answers it would replace, leaving equal answers and hidden cells alone', () => {
    const current: Record<string, string> = { u1: 'A', u2: 'B' };
    const plan = fillPlan(['u1', 'u2', 'u3', 'u4'], (u) => current[u], (u) => u !== 'u4', 'B');
    expect(plan).toEqual({ blank: ['u3'], replace: ['u1'] });
  });

  it('marks every shown question of a unit "don\'t know" where the question has that option', () => {
    const cells = source({ 'x1|u1': 'A', 'x2|u1': 'E' });
    const plan = unitSkipPlan(questions, 'u1', cells);
    // x1 answered A: replaced only on consent; x2 is already E; x3 has no don't-know option.
    expect([...plan.set]).toEqual([['x1', 'E']]);
    expect(plan.replace).toEqual(['x1']);
    expect(unitSkipPlan(questions, 'u2', cells)).toEqual({ set: new Map([['x1', 'E'], ['x2', 'E']]), replace: [] });
  });

  it('names chips A–D and "?" for the don\'t-know option', () => {
    expect(scale.map((o, i) => shortLabel(o, i))).toEqual(['A', 'B', 'C', 'D', '?']);
    expect(shortLabel({ code: 'rat_tot', label: 'Rất tốt', weight: 1 }, 2)).toBe('C');
    expect(dontKnowOption(questions[0]!)?.code).toBe('E');
    expect(dontKnowOption(questions[2]!)).toBeUndefined();
  });
});

describe('finding a unit by name', () => {
  it('ignores Vietnamese diacritics, đ and case', () => {
    expect(fold('  Phường  Đông Hòa ')).toBe('phuong dong hoa');
    expect(fold('Xã Tân Phước')).toBe('xa tan phuoc');
  });

  it('matches every word of the query anywhere in the name, in list order, up to a limit', () => {
    expect(findUnits(units, 'tan phu').map((u) => u.id)).toEqual(['u1', 'u3']);
    expect(findUnits(units, 'PHƯỚC').map((u) => u.id)).toEqual(['u3']);
    expect(findUnits(units, 'dong').map((u) => u.id)).toEqual(['u2']);
    expect(findUnits(units, 'xa', 1).map((u) => u.id)).toEqual(['u1']);
    expect(findUnits(units, '   ')).toEqual([]);
    expect(findUnits(units, 'hà nội')).toEqual([]);
  });
});
