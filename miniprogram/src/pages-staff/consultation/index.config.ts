export default definePageConfig({ navigationBarTitleText: '表决管理', enablePullDownRefresh: true });
