export default definePageConfig({
  navigationBarTitleText: '营商环境评价',
})
