// The model definitions as data (datasets.md "The six models, exactly", plus collision models): a kind, staff-editable
// parameters with the documented defaults, and a start stage for the escalation ladder. The zod schemas are the
// shared contract (shared/src/alerts.ts), so the admin's 自主建模 form validates with the very same rules.
import { type ModelDefinition, type ModelDefinitionInput, type ModelKind, modelDefinition, modelKindLabels } from '@msjd/shared/alerts';

export {
  collisionParams,
  dissatisfiedParams,
  lowPassRateParams,
  modelDefinition,
  notOneTimeParams,
  obstructionParams,
  overdueParams,
  unequalTreatmentParams,
} from '@msjd/shared/alerts';
export type { ModelDefinition, ModelKind };
export type ModelInput = ModelDefinitionInput;

/** The six business kinds, in the order runs and lists show them; collision models follow. */
export const BUSINESS_KINDS = ['overdue', 'low_pass_rate', 'not_one_time', 'unequal_treatment', 'dissatisfied', 'obstruction'] as const;
export const MODEL_KINDS: readonly ModelKind[] = [...BUSINESS_KINDS, 'collision'];

/** Group models raise one warning per subject while open; the others one per case, ever. */
export const GROUP_KINDS: ReadonlySet<ModelKind> = new Set(['low_pass_rate', 'obstruction', 'collision']);

/** The six default models (name = kind), with the documented default parameters. */
export const DEFAULT_MODELS: ModelDefinition[] = BUSINESS_KINDS.map((kind) => modelDefinition.parse({ name: kind, kind, title: modelKindLabels[kind] }));

export function parseModel(input: unknown): ModelDefinition {
  return modelDefinition.parse(input);
}
