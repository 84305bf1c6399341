export default definePageConfig({ navigationBarTitleText: '公告阅读与异议', enablePullDownRefresh: true });
