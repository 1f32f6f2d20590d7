import { z } from 'zod';
import { Slug } from './codes';

/**
 * The PAR index tree (docs/DOMAIN.md §2 index): field → criterion → sub-criterion.
 * A node that carries `maxPoints` is scored by the survey; questions map to such nodes
 * by `code`. A criterion with scored sub-criteria may repeat their sum as its own maximum
 * but is then not itself a scoring target.
 */
export const SubCriterion = z.strictObject({
  code: Slug,
  name: z.string().min(1),
  maxPoints: z.number().positive().max(100).optional(),
});

export const Criterion = z.strictObject({
  code: Slug,
  name: z.string().min(1),
  maxPoints: z.number().positive().max(100).optional(),
  subCriteria: z.array(SubCriterion).default([]),
});

export const Field = z.strictObject({
  code: Slug,
  name: z.string().min(1),
  criteria: z.array(Criterion).min(1),
});

const POINT_TOLERANCE = 1e-9;

export const IndexTree = z
  .strictObject({
    /** The survey's share of the 100 index points, e.g. 30. */
    surveyShare: z.number().positive().max(100),
    fields: z.array(Field).min(1),
  })
  .superRefine((tree, ctx) => {
    const seen = new Set<string>();
    const note = (code: string, path: (string | number)[]) => {
      if (seen.has(code)) ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: `Mã trùng lặp: ${code}` });
      seen.add(code);
    };
    let total = 0;
    tree.fields.forEach((field, fi) => {
      note(field.code, ['fields', fi]);
      field.criteria.forEach((criterion, ci) => {
        const path = ['fields', fi, 'criteria', ci];
        note(criterion.code, path);
        const subs = criterion.subCriteria;
        subs.forEach((sub, si) => note(sub.code, [...path, 'subCriteria', si]));
        const scoredSubs = subs.filter((s) => s.maxPoints !== undefined);
        if (scoredSubs.length > 0) {
          const subTotal = scoredSubs.reduce((sum, s) => sum + (s.maxPoints ?? 0), 0);
          if (criterion.maxPoints !== undefined && Math.abs(criterion.maxPoints - subTotal) > POINT_TOLERANCE) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'maxPoints'],
              message: `Điểm tối đa ${criterion.maxPoints} khác tổng tiêu chí thành phần ${subTotal}`,
            });
          }
          total += subTotal;
        } else if (criterion.maxPoints !== undefined) {
          total += criterion.maxPoints;
        }
      });
    });
    if (Math.abs(total - tree.surveyShare) > 1e-6) {
      ctx.addIssue({
        code: 'custom',
        path: ['surveyShare'],
        message: `Tổng điểm tối đa các tiêu chí (${total}) khác phần điểm điều tra XHH (${tree.surveyShare})`,
      });
    }
  });
export type IndexTree = z.infer<typeof IndexTree>;

export interface ScoredCriterion {
  code: string;
  name: string;
  maxPoints: number;
  fieldCode: string;
  /** The criterion a sub-criterion belongs to; null for a criterion scored directly. */
  parentCode: string | null;
}

/** The nodes questions can be mapped to: sub-criteria with points, or criteria with points and no scored sub-criteria. */
export function scoredCriteria(tree: IndexTree): ScoredCriterion[] {
  const out: ScoredCriterion[] = [];
  for (const field of tree.fields) {
    for (const c of field.criteria) {
      const subs = c.subCriteria.filter((s) => s.maxPoints !== undefined);
      if (subs.length > 0) {
        for (const s of subs) {
          out.push({ code: s.code, name: s.name, maxPoints: s.maxPoints ?? 0, fieldCode: field.code, parentCode: c.code });
        }
      } else if (c.maxPoints !== undefined) {
        out.push({ code: c.code, name: c.name, maxPoints: c.maxPoints, fieldCode: field.code, parentCode: null });
      }
    }
  }
  return out;
}
