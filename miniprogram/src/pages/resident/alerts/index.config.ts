export default definePageConfig({ navigationBarTitleText: '房屋提醒' });
