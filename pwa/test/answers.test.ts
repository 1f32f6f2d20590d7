import { describe, expect, it } from 'vitest';
import { Response } from '../../survey-forms/src/response';
import { validateResponse } from '../../survey-forms/src/validate-response';
import { buildResponse, entryMismatches, sectionProblems } from '../lib/answers';
import { crossForm, itemFor, ownForm } from './forms';

const missing = { missing: 'Vui lòng trả lời' };

describe('answers on the device → Response', () => {
  it('puts the rated unit on per-unit cross answers, null on general ones, and passes the shared validator', () => {
    const form = crossForm();
    const [a, b, c] = form.units.map((u) => u.id) as [string, string, string];
    const item = itemFor(form, {
      [`${a}|x1`]: 'A', [`${b}|x1`]: 'E', [`${c}|x1`]: 'C',
      [`${a}|x2`]: 'B', [`${b}|x2`]: 'B', [`${c}|x2`]: 'D',
      '|y_kien': 'Cần cải thiện',
    });
    const response = buildResponse(item, '2026-11-20T08:10:00.000Z');
    expect(Response.safeParse(response).success).toBe(true);
    expect(response.channel).toBe('self');
    expect(response.answers).toHaveLength(7);
    expect(response.answers).toContainEqual({ unitId: b, questionId: 'x1', value: 'E' });
    expect(response.answers).toContainEqual({ unitId: null, questionId: 'y_kien', value: 'Cần cải thiện' });
    expect(validateResponse(form.questionnaire, response, { unitIds: [a, b, c] })).toEqual([]);
  });

  it('own-unit forms put the unit on every answer and profile questions into profile', () => {
    const form = ownForm();
    const u = form.units[0]!.id;
    const item = itemFor(form, { '|gioi_tinh': 'nu', [`${u}|q1`]: 'A', [`${u}|q2`]: 'B', [`${u}|q3`]: 'E', [`${u}|co_gop_y`]: 'khong' });
    const response = buildResponse(item, '2026-11-20T08:10:00.000Z');
    expect(response.profile).toEqual({ gioi_tinh: 'nu' });
    expect(response.answers.every((x) => x.unitId === u)).toBe(true);
    expect(response.answers.map((x) => x.questionId).sort()).toEqual(['co_gop_y', 'q1', 'q2', 'q3']);
    expect(validateResponse(form.questionnaire, response, { unitIds: [u] })).toEqual([]);
  });

  it('drops the answer to a question that skip logic now hides', () => {
    const form = ownForm();
    const u = form.units[0]!.id;
    // The respondent wrote a comment, then went back and said they have none.
    const item = itemFor(form, { [`${u}|q1`]: 'A', [`${u}|q2`]: 'A', [`${u}|q3`]: 'A', [`${u}|co_gop_y`]: 'khong', [`${u}|gop_y`]: 'ý kiến cũ' });
    const response = buildResponse(item, '2026-11-20T08:10:00.000Z');
    expect(response.answers.find((x) => x.questionId === 'gop_y')).toBeUndefined();
    expect(validateResponse(form.questionnaire, response, { unitIds: [u] })).toEqual([]);
  });

  it('flags required questions per section, including shown dependants and each matrix cell', () => {
    const own = ownForm();
    const u = own.units[0]!.id;
    const item = itemFor(own, { [`${u}|q1`]: 'A', [`${u}|co_gop_y`]: 'co' });
    expect(sectionProblems(item, 0, missing).size).toBe(0); // the profile section has nothing required
    expect([...sectionProblems(item, 1, missing).keys()].sort()).toEqual([`${u}|gop_y`, `${u}|q2`, `${u}|q3`]);

    const cross = crossForm();
    const [a, b, c] = cross.units.map((x) => x.id) as [string, string, string];
    const half = itemFor(cross, { [`${a}|x1`]: 'A', [`${b}|x1`]: 'E', [`${a}|x2`]: 'A' });
    expect([...sectionProblems(half, 0, missing).keys()].sort()).toEqual([`${b}|x2`, `${c}|x1`, `${c}|x2`].sort());
  });

  it('reports an answer that is not one of the options', () => {
    const cross = crossForm();
    const [a] = cross.units.map((x) => x.id) as [string];
    const item = itemFor(cross, { [`${a}|x1`]: 'Z' });
    expect(sectionProblems(item, 0, missing).get(`${a}|x1`)).toMatch(/Z/);
  });

  it('compares two keyings of a paper form field by field', () => {
    expect(entryMismatches({ 'u|q1': 'A', 'u|q2': 'B', 'u|q3': ['x', 'y'], 'u|q4': '' }, { 'u|q1': 'A', 'u|q2': 'C', 'u|q3': ['y', 'x'], 'u|q5': 3 })).toEqual(['u|q2', 'u|q5']);
    expect(entryMismatches({ 'u|q1': null }, {})).toEqual([]);
  });
});

describe('invitation codes typed from paper', () => {
  it('normalise like the server: case, dashes, spaces and Crockford look-alikes', async () => {
    const { normalizeCode } = await import('../lib/api');
    expect(normalizeCode('ab1cd-2efg3')).toBe('AB1CD2EFG3');
    expect(normalizeCode(' oil0 - 9xyz ')).toBe('01109XYZ');
  });
});
