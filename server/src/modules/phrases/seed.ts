// Demo 办理常用语: the reasons and replies a county commission's intake office writes every week. Does nothing when
// any phrase exists (the keepers' own edits are never overwritten).
import type { HandlingPhraseKind } from '@msjd/shared/phrases';
import type { Prisma } from '../../generated/prisma/client';

type Tx = Prisma.TransactionClient;

export const demoPhrases: { kind: HandlingPhraseKind; title: string; body: string }[] = [
  {
    kind: 'reject_reason',
    title: '不属于受理范围',
    body: '您反映的问题不属于纪检监察机关受理范围。根据有关规定，建议您向{单位}或其上级主管部门反映，也可拨打 12345 政务服务便民热线。',
  },
  {
    kind: 'reject_reason',
    title: '反映内容不具体',
    body: '您反映的问题缺少具体的人员、时间、地点和事实，无法开展核查。如有新的具体线索，欢迎再次反映并尽量提供相关材料。',
  },
  {
    kind: 'reject_reason',
    title: '已由其他机关受理',
    body: '您反映的问题已由有关机关依法受理，正在处理中，请耐心等待其答复。',
  },
  {
    kind: 'reject_reason',
    title: '重复反映已答复',
    body: '您反映的问题此前已受理并作出答复，本次反映未提供新的事实和证据，不再重复受理。',
  },
  {
    kind: 'reject_reason',
    title: '属诉讼或仲裁事项',
    body: '您反映的问题属于应当通过诉讼、仲裁等法定途径解决的事项，请依法向人民法院或仲裁机构提出。',
  },
  {
    kind: 'reply',
    title: '问题属实已整改',
    body:
      '您于前期反映的问题（编号 {编号}）已办理完毕。经核查，反映的{类别}问题基本属实，已责令{单位}立行立改，并对相关责任人作出处理。感谢您对纪检监察工作的支持和监督。',
  },
  {
    kind: 'reply',
    title: '部分属实',
    body: '您反映的问题（编号 {编号}）经{承办单位}核查，部分属实。对属实部分已督促{单位}整改到位；其余问题经核查未发现违纪违法情形。感谢您的监督。',
  },
  {
    kind: 'reply',
    title: '经核查不属实',
    body: '您反映的问题（编号 {编号}）经{承办单位}认真核查，未发现违纪违法情形。如您掌握新的具体线索，欢迎继续反映。感谢您的监督。',
  },
  {
    kind: 'return_reason',
    title: '不属本单位职责',
    body: '经研究，该件反映的事项不属于本单位（本组）职责范围，请重新交办。',
  },
  {
    kind: 'notice_requirement',
    title: '窗口服务作风',
    body: '针对群众反映的窗口工作人员服务态度差、办事推诿等问题，请立即开展自查，公开监督电话，规范一次性告知，并将整改情况及佐证材料按期报送。',
  },
  {
    kind: 'notice_requirement',
    title: '违规收费清退',
    body: '针对群众反映的违规收费问题，请立即停止收费，全面清查收费项目，对违规收取的费用逐户清退，并将清退台账及群众签收材料按期报送。',
  },
  {
    kind: 'close_note',
    title: '已电话确认满意',
    body: '已于{日期}电话联系举报人，举报人对办理结果表示满意，同意办结。',
  },
  {
    kind: 'urge_requirement',
    title: '办件超期整改',
    body: '请{单位}对上述超期办件逐件核查原因，向申请人说明情况并尽快办结；梳理本单位事项的承诺时限和办理流程，明确专人跟踪即将到期的办件，并将整改情况及佐证材料按期报送。',
  },
  {
    kind: 'urge_requirement',
    title: '群众不满意整改',
    body: '请{单位}逐件回访评价不满意的办事群众，查明原因并解决合理诉求；对窗口服务作风问题开展自查，落实首问负责和一次性告知，并将回访记录和整改材料按期报送。',
  },
];

export async function seedDemoPhrases(tx: Tx): Promise<number> {
  if ((await tx.handlingPhrase.count()) > 0) return 0;
  const keeper = (await tx.staffUser.findFirst({ where: { role: 'supervisor' }, orderBy: { createdAt: 'asc' } }))?.id ?? null;
  const sortWithinKind = new Map<HandlingPhraseKind, number>();
  for (const p of demoPhrases) {
    const sort = (sortWithinKind.get(p.kind) ?? 0) + 10;
    sortWithinKind.set(p.kind, sort);
    await tx.handlingPhrase.create({ data: { ...p, sort, createdById: keeper, updatedById: keeper } });
  }
  return demoPhrases.length;
}
