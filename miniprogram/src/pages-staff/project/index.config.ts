export default definePageConfig({ navigationBarTitleText: '认捐与进度', enablePullDownRefresh: true });
