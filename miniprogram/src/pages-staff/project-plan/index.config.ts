export default definePageConfig({ navigationBarTitleText: '项目工作台', enablePullDownRefresh: true });
