/**
 * The in-app 隐私政策 and 举报须知. Versioned: a citizen's consent to 举报须知 is kept with the version it was given
 * for, and a new version asks again.
 */
export const PRIVACY_VERSION = '2026-12-05'
export const NOTICE_VERSION = '2026-12-05'

/** 中央纪委国家监委 举报电话 (nationwide), and where to turn in person. */
export const HOTLINE = '12388'

export interface Section {
  title: string
  paragraphs: string[]
}

export const privacyPolicy: Section[] = [
  {
    title: '我们收集什么、为什么收集',
    paragraphs: [
      '反映内容：问题类别、被反映单位和人员、问题描述、发生时间和地点，用于受理和办理您反映的问题。',
      '照片和视频：您主动选择上传的照片（和一段短视频），用于核实问题。上传时会去除其中的拍摄位置、设备型号等信息。',
      '位置：只有您点击“选择位置”时才会调用，用于填写发生地点；我们不在后台获取您的位置。',
      '实名反映时的姓名和电话：加密保存，只有受理、办理人员在需要核实时可以查看，每次查看都记入审计日志。',
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
    title: '您的权利',
    paragraphs: [
      '您可以随时在“我的”中查看本政策、撤回订阅消息授权（微信“设置 › 订阅消息”）。',
      `对个人信息处理有疑问的，可拨打 ${HOTLINE} 或到县纪委监委信访室咨询。`,
    ],
  },
]

export const reportNotice: Section[] = [
  {
    title: '收集哪些信息、为什么',
    paragraphs: [
      '为受理和办理您反映的问题，需要您填写问题描述，可以附照片或短视频；实名反映还需要姓名和联系电话，用于核实情况和反馈结果。',
    ],
  },
  {
    title: '“保密反映”是什么、不是什么',
    paragraphs: [
      '保密反映不填写姓名和联系方式，反映不与您的微信身份关联；凭查询码和查询密码查看进度，遗失后无法找回。',
      '保密不等于在微信中完全匿名：微信会知道您使用了本小程序；请不要在描述和照片中留下能认出您的信息。',
    ],
  },
  {
    title: '如实反映，不得诬告陷害',
    paragraphs: [
      '请实事求是反映问题。捏造事实、诬告陷害他人的，将依纪依法追究责任；构成犯罪的，移送司法机关。',
    ],
  },
]
