export default definePageConfig({
  navigationBarTitleText: '我的评价和投诉',
})
