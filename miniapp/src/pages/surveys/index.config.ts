export default definePageConfig({
  navigationBarTitleText: '巡察调研',
})
