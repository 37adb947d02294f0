export default definePageConfig({
  navigationBarTitleText: '巡察公示',
})
