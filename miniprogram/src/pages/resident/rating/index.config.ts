export default definePageConfig({ navigationBarTitleText: '满意度评价' });
