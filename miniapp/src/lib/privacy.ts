/**
 * The in-app 用户隐私保护指引 (隐私政策) and 举报须知, in one place. Versioned: a citizen's consent to 举报须知 is kept on
 * the device with the version it was given for, and a new version asks again — so change the version with the text.
 * The retention years are the ones staff set (GET /api/public/retention); until they are known, or when the server
 * cannot be reached, the texts state the default and say it is the default. The years are not part of the version:
 * the rule they name stays the same when staff change them.
 */
export const PRIVACY_VERSION = '2026-12-06.3'
export const NOTICE_VERSION = '2026-12-06.3'

/** The default of the sealed-material rule (server: RETENTION_DEFAULT_YEARS), stated while the set years are unknown. */
export const DEFAULT_RETENTION_YEARS = 5

/** 中央纪委国家监委 举报电话 (nationwide), and where to turn in person. */
export const HOTLINE = '12388'
/** Who handles the information (个人信息处理者) and where to ask about it. */
export const CONTROLLER = '县纪委监委'
export const CONTACT = `县纪委监委信访室，举报电话 ${HOTLINE}`

export interface Section {
  title: string
  paragraphs: string[]
}

/** “办结后 8 年” when the set years are known, “默认办结后 5 年” otherwise. */
export function retentionPhrase(years: number | null): string {
  return years === null ? `默认办结后 ${DEFAULT_RETENTION_YEARS} 年` : `目前为办结后 ${years} 年`
}

/** The privacy guide, stating the retention years staff set (null: not known, the default is stated as such). */
export function privacyPolicyText(retentionYears: number | null): Section[] {
  const kept = retentionPhrase(retentionYears)
  return [
    {
      title: '谁在处理您的信息',
      paragraphs: [
        `“码上监督”由${CONTROLLER}主办，${CONTROLLER}是您个人信息的处理者。小程序运行在微信平台上，微信（腾讯公司）按其自己的隐私政策处理您使用微信的信息。`,
        '我们不把您的信息提供给任何第三方用于其他目的；反映的问题交办给承办单位时，对方看到的是去掉反映人身份的交办单。网页版发送短信验证码时，您的手机号码和验证码交给短信服务商（腾讯云短信）发送，仅用于发送这条短信。',
      ],
    },
    {
      title: '我们收集什么、为什么收集',
      paragraphs: [
        '反映内容：问题类别、被反映单位和人员、问题描述、发生时间和地点，用于受理和办理您反映的问题。',
        '照片（相册或拍摄）：只有您点击照片栏的“+”并选中或拍下后才会读取，用于核实问题。上传时会去除其中的拍摄位置、设备型号等信息。',
        '短视频（相册或拍摄）：只有您点击“添加视频”并选中或拍下后才会读取，每件反映 1 段，不超过 60 秒、50 MB，用于核实问题。服务器收到后先去除视频中的拍摄位置、设备品牌型号、拍摄时间等信息，再加密保存；工作人员每次播放都记入审计日志。',
        '摄像头和麦克风：只在您选择“拍摄”照片或视频时使用——摄像头用于拍摄，麦克风用于录下视频的声音；拍摄结束即停止，我们不在其他时候、也不在后台使用摄像头和麦克风。',
        '位置：只有您点击“选择位置”时才会调用，用于填写发生地点；我们不在后台获取您的位置。',
        '剪切板：只在您点击“复制”时写入查询码、邮箱等内容，我们不读取您的剪切板。',
        '实名反映时的姓名和电话：加密保存，只有受理、办理人员在需要核实时经审批后查看，每次查看都记入审计日志。',
        '手机号码（网页版实名反映）：网页版没有微信登录，实名反映前需要填写手机号码并输入短信验证码，以确认号码是您本人的；这个号码就是该件反映的联系电话，不能换成未经验证的号码。号码加密保存，作为您在网页版查看自己反映的登录身份；验证码只保存不可还原的摘要，5 分钟内有效，用过即作废。',
        '微信身份标识（openid）：用于登录和向您发送办理进展的订阅消息；加密保存。保密反映不与您的微信身份关联。',
      ],
    },
    {
      title: '我们如何使用和保护',
      paragraphs: [
        '信息只用于受理、办理和答复您反映的问题，以及统计分析（统计时不含个人身份）。',
        '不向被反映单位和个人透露反映人信息；泄露反映人信息的，依纪依法追究责任。',
        '数据存放在境内服务器，传输和存储均加密。',
      ],
    },
    {
      title: '保存多久',
      paragraphs: [
        '反映及其办理记录属于纪检监察业务档案，按档案管理的有关规定保存。',
        `反映人的姓名、电话（实名反映）以及反映所附的照片和视频，在反映办结后继续加密保存，保存期限由${CONTROLLER}按档案管理规定设定（${kept}）；期满后销毁（依法保全的除外），只保留不含个人身份的办理情况和统计数据。`,
        '短信验证码 5 分钟后失效；用于限制发送次数的号码记录只保存号码的摘要，2 天后删除。网页版登录用的手机号码加密保存，需要删除的，可以通过下方方式联系我们。',
        '保密反映的查询码等回执只保存在您的设备上，清除小程序或浏览器数据即删除。',
      ],
    },
    {
      title: '您的权利',
      paragraphs: [
        '您可以随时在“我的”中查看本指引和举报须知；可以在微信“设置 › 订阅消息”中撤回消息通知授权，在小程序设置中关闭相册、摄像头、麦克风、位置等授权（关闭后仍可以只用文字反映）。',
        '您可以查阅、更正您提交的反映（在“进度查询”中补充说明）；对个人信息处理有疑问或要求的，可以通过下方方式联系我们。',
      ],
    },
    {
      title: '联系我们',
      paragraphs: [CONTACT],
    },
  ]
}

/** 举报须知, stating the retention years staff set (null: not known, the default is stated as such). */
export function reportNoticeText(retentionYears: number | null): Section[] {
  return [
    {
      title: '收集哪些信息、为什么',
      paragraphs: [
        '为受理和办理您反映的问题，需要您填写问题描述，可以附照片和一段短视频（不超过 60 秒）；选择“拍摄”时会使用摄像头，拍视频还会使用麦克风录音，只在您拍摄时使用。',
        '实名反映还需要姓名和联系电话，用于核实情况和反馈结果；在网页版实名反映，联系电话须是您用短信验证码验证过的手机号码。姓名和电话加密保存，不会告诉被反映的单位和个人。',
      ],
    },
    {
      title: '“保密反映”是什么',
      paragraphs: [
        '保密反映不填写姓名和联系方式。纪委监委收到的保密反映不与您的微信账号、设备或网络地址关联，工作人员也无法查出是谁反映的。',
        '提交后会显示查询码和查询密码，凭它们查看进度、补充材料；它们和回执只保存在您的这台设备上，遗失后无法找回。',
      ],
    },
    {
      title: '“保密反映”不是什么',
      paragraphs: [
        '保密不等于在微信里完全匿名：微信知道您的账号打开过本小程序，您的设备上也存有回执。请不要在描述、照片和视频（包括画面和声音）中留下能认出您的信息。',
      ],
    },
    {
      title: '信息保存多久',
      paragraphs: [
        `反映和办理记录按纪检监察档案管理的规定保存；实名反映人的身份信息，以及反映所附的照片和视频，在保存期限（${retentionPhrase(retentionYears)}）届满后销毁。详见《用户隐私保护指引》。`,
      ],
    },
    {
      title: '如实反映，不得诬告陷害',
      paragraphs: [
        '请实事求是地反映问题。依照《中国共产党纪律检查机关监督执纪工作规则》等规定，对捏造事实、诬告陷害他人的，依规依纪依法严肃处理；《中华人民共和国刑法》第二百四十三条规定，捏造事实诬告陷害他人、意图使他人受刑事追究、情节严重的，构成诬告陷害罪。',
        '不是有意诬陷，而是反映的情况有出入或者错告的，不属于诬告陷害。',
      ],
    },
  ]
}

/** What the device keeps after the citizen agrees to 举报须知: the version agreed to, and when (ms since epoch). */
export interface NoticeConsent {
  version: string
  at: number
}

/** The stored consent, when it is one for the current 举报须知; any other value (none, old version, junk) is no consent. */
export function currentConsent(stored: unknown, version = NOTICE_VERSION): NoticeConsent | null {
  if (!stored || typeof stored !== 'object') return null
  const c = stored as Partial<NoticeConsent>
  if (c.version !== version || typeof c.at !== 'number' || !Number.isFinite(c.at)) return null
  return { version: c.version, at: c.at }
}
