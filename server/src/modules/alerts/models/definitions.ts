// The six business-environment models as data (datasets.md "The six models, exactly"): a kind, staff-editable
// parameters with the documented defaults, and a start stage for the escalation ladder. Validated by zod.
import { z } from 'zod';

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const stage = z.enum(['urge', 'verify']);

export const overdueParams = z.object({}).strict();
export const lowPassRateParams = z
  .object({ windowDays: int(1, 3650).default(90), minFinished: int(1, 1_000_000).default(20), maxPassRate: z.number().gt(0).max(1).default(0.6) })
  .strict();
export const notOneTimeParams = z.object({ minSupplements: int(1, 1000).default(2) }).strict();
export const unequalTreatmentParams = z
  .object({
    windowDays: int(1, 3650).default(90),
    minFinished: int(1, 1_000_000).default(10),
    factor: z.number().gt(0).max(1000).default(3),
    minMedian: z.number().min(0).max(1000).default(1),
  })
  .strict();
export const dissatisfiedParams = z.object({ maxRating: int(1, 5).default(2) }).strict();
export const obstructionParams = z
  .object({
    windowDays: int(1, 3650).default(30),
    minCount: int(1, 1000).default(3),
    results: z.array(z.enum(['approved', 'rejected', 'returned'])).min(1).default(['rejected', 'returned']),
  })
  .strict();

const common = {
  name: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, '模型名称只能包含小写字母、数字和下划线'),
  title: z.string().min(1).max(100),
  enabled: z.boolean().default(true),
};

export const modelDefinition = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('overdue'), startStage: stage.default('urge'), params: overdueParams.prefault({}) }),
  z.object({ ...common, kind: z.literal('low_pass_rate'), startStage: stage.default('urge'), params: lowPassRateParams.prefault({}) }),
  z.object({ ...common, kind: z.literal('not_one_time'), startStage: stage.default('verify'), params: notOneTimeParams.prefault({}) }),
  z.object({ ...common, kind: z.literal('unequal_treatment'), startStage: stage.default('verify'), params: unequalTreatmentParams.prefault({}) }),
  z.object({ ...common, kind: z.literal('dissatisfied'), startStage: stage.default('urge'), params: dissatisfiedParams.prefault({}) }),
  z.object({ ...common, kind: z.literal('obstruction'), startStage: stage.default('verify'), params: obstructionParams.prefault({}) }),
]);

export type ModelDefinition = z.infer<typeof modelDefinition>;
export type ModelKind = ModelDefinition['kind'];
export type ModelInput = z.input<typeof modelDefinition>;

export const MODEL_KINDS: readonly ModelKind[] = ['overdue', 'low_pass_rate', 'not_one_time', 'unequal_treatment', 'dissatisfied', 'obstruction'];

/** Group models raise one warning per subject while open; the others one per case, ever. */
export const GROUP_KINDS: ReadonlySet<ModelKind> = new Set(['low_pass_rate', 'obstruction']);

const TITLES: Record<ModelKind, string> = {
  overdue: '办件超期',
  low_pass_rate: '审批通过率低',
  not_one_time: '未一次性告知',
  unequal_treatment: '办件区别对待',
  dissatisfied: '不满意',
  obstruction: '故意刁难',
};

/** The six default models (name = kind), with the documented default parameters. */
export const DEFAULT_MODELS: ModelDefinition[] = MODEL_KINDS.map((kind) => modelDefinition.parse({ name: kind, kind, title: TITLES[kind] }));

export function parseModel(input: unknown): ModelDefinition {
  return modelDefinition.parse(input);
}
