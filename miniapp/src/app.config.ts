export default defineAppConfig({
  // Tab pages must live in the main package; everything else goes to subpackages to keep it under 2 MB.
  pages: ['pages/index/index', 'pages/report/index', 'pages/track/index', 'pages/mine/index'],
  subPackages: [
    // The QR entry keeps the path the posters encode (`pages/scene/index`), so it is its own subpackage root.
    { root: 'pages/scene', pages: ['index'] },
    { root: 'pages/pending', pages: ['index'] },
    // 反映回执 (serial, and the query code + secret of a 保密 report, shown once).
    { root: 'pages/receipt', pages: ['index'] },
    // 巡察公示: list (current rounds first) and one notice with the group's contacts.
    { root: 'pages/notices', pages: ['index', 'detail'] },
    // 巡察调研: open surveys, answering, thank-you.
    { root: 'pages/surveys', pages: ['index', 'answer', 'thanks'] },
    // 营商环境评价 (enterprises): bind, campaign rating, 投诉, my evaluations/complaints, a case's handling.
    { root: 'pages/business', pages: ['index', 'campaign', 'complaint', 'mine', 'case'] },
    // 我的 › 用户隐私保护指引, 帮助与热线, 关于, 举报须知
    { root: 'pages/about', pages: ['index', 'privacy', 'help', 'notice'] },
    // 我的 › 消息: what the commission told this account (real-name reports, enterprise cases)
    { root: 'pages/messages', pages: ['index'] },
  ],
  // 我要反映 › 发生地点 › 选择位置 (wx.chooseLocation must be declared, or WeChat refuses it).
  requiredPrivateInfos: ['chooseLocation'],
  // 用户隐私保护指引 (WeChat, since 2023-09): privacy APIs wait for the in-app dialog (components/PrivacyDialog.tsx)
  __usePrivacyCheck__: true,
  window: {
    navigationBarBackgroundColor: '#b3141b',
    navigationBarTitleText: '码上监督',
    navigationBarTextStyle: 'white',
    // said explicitly: Taro's H5 build draws its title bar and back button only when it reads 'default' here
    navigationStyle: 'default',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#646a73',
    selectedColor: '#b3141b',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/report/index', text: '我要反映', iconPath: 'assets/tab/report.png', selectedIconPath: 'assets/tab/report-active.png' },
      { pagePath: 'pages/track/index', text: '进度查询', iconPath: 'assets/tab/track.png', selectedIconPath: 'assets/tab/track-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
})
