export default definePageConfig({ navigationBarTitleText: '公示打印' });
