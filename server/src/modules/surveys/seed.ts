// One open demo 巡察调研 for the round under way (seed/demo.ts), using every question type, so the mini-program's
// survey list and answering can be tried at once. Does nothing when surveys exist.
import { surveyQuestionsSchema } from '@msjd/shared';
import type { Prisma } from '../../generated/prisma/client';

type Tx = Prisma.TransactionClient;

// Parsed with the shared schema, so the stored questions are exactly what the builder would save.
const questions = surveyQuestionsSchema.parse([
  {
    id: 'aware',
    type: 'single',
    title: '您是否知道县委巡察组正在本地开展巡察？',
    options: [
      { id: 'yes', label: '知道' },
      { id: 'heard', label: '听说过，不了解' },
      { id: 'no', label: '不知道' },
    ],
  },
  {
    id: 'problems',
    type: 'multiple',
    title: '您认为身边干部作风方面比较突出的问题有哪些？（最多选 3 项）',
    maxChoices: 3,
    options: [
      { id: 'slow', label: '办事拖拉、推诿扯皮' },
      { id: 'formalism', label: '形式主义、层层加码' },
      { id: 'fees', label: '乱收费、吃拿卡要' },
      { id: 'favour', label: '优亲厚友、处事不公' },
      { id: 'attitude', label: '服务态度差、门难进脸难看' },
      { id: 'none', label: '没有发现明显问题' },
    ],
  },
  { id: 'integrity', type: 'rating', title: '您对所在地党风廉政建设情况的总体评价' },
  { id: 'service', type: 'rating', title: '您对政务服务窗口办事效率的评价', required: false },
  { id: 'advice', type: 'text', title: '您对本轮巡察工作还有哪些意见和建议？', required: false, maxLength: 500 },
]);

export async function seedDemoSurveys(tx: Tx): Promise<number> {
  if ((await tx.survey.count()) > 0) return 0;
  const round = await tx.tourRound.findFirst({ where: { status: 'active' }, orderBy: { startsOn: 'desc' } });
  if (!round) return 0;
  const createdById = (await tx.staffUser.findFirst({ where: { role: 'admin' }, orderBy: { createdAt: 'asc' } }))?.id ?? null;
  // opened a week into the round (Beijing 09:00)
  const publishedAt = new Date(round.startsOn.getTime() + 7 * 24 * 3600_000 + 3600_000);
  await tx.survey.create({
    data: {
      tourRoundId: round.id,
      title: `${round.name}群众满意度调研`,
      intro: '为了解群众对干部作风和党风廉政建设的看法，特开展本次调研。问卷不记名，不收集姓名和电话，每人限填一次，约需 2 分钟。',
      questions,
      status: 'published',
      publishedAt,
      createdById,
    },
  });
  return 1;
}
